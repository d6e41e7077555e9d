import { ChatMessage, NEXT_CURSOR_HEADER, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

describe('the conversation list: last activity time, most recent first, page by page', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
  });
  afterAll(async () => {
    [nurse, provider, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  /** Every thread of the person, following X-Next-Cursor one thread at a time. */
  const listOneByOne = async (as: StaffSession): Promise<ThreadSummary[]> => {
    const threads: ThreadSummary[] = [];
    let cursor: string | null = null;
    do {
      const query = `limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const response: Response = await fetch(`${server.url}/api/threads?${query}`, {
        headers: { authorization: `Bearer ${as.token}` },
      });
      expect(response.status).toBe(200);
      threads.push(...((await response.json()) as ThreadSummary[]));
      cursor = response.headers.get(NEXT_CURSOR_HEADER);
    } while (cursor && threads.length < 100);
    return threads;
  };
  const byActivity = (threads: readonly ThreadSummary[]) =>
    [...threads].sort((a, b) =>
      a.lastActivityAt === b.lastActivityAt ? 0 : a.lastActivityAt < b.lastActivityAt ? 1 : -1,
    );

  it('moves a thread to the top when a message is posted, with that message time, and the cursor follows the order', async () => {
    const create = async (subject: string) =>
      (
        await nurse.rest.post<ThreadSummary>('/api/threads', {
          participantIds: [provider.userId],
          subject,
        })
      ).body;
    const oldest = await create('Oldest');
    const middle = await create('Middle');
    const newest = await create('Newest');
    expect(Date.parse(newest.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(oldest.lastActivityAt));

    const before = await listOneByOne(nurse);
    expect(before.map((t) => t.id).slice(0, 3)).toEqual([newest.id, middle.id, oldest.id]);

    const message = (
      await provider.rest.post<ChatMessage>(`/api/threads/${oldest.id}/messages`, {
        body: 'Back to this one',
      })
    ).body;
    const after = await listOneByOne(nurse);
    expect(after.map((t) => t.id).slice(0, 3)).toEqual([oldest.id, newest.id, middle.id]);
    expect(after[0]).toMatchObject({ lastActivityAt: message.sentAt, lastMessage: message });
    expect(after).toEqual(byActivity(after));
    expect(new Set(after.map((t) => t.id)).size).toBe(after.length);
    expect(after.length).toBe(before.length);

    const first = (await nurse.rest.get<ThreadSummary[]>('/api/threads')).body;
    expect(first).toEqual(after);
  });

  it("lists none of this clinic's threads to another clinic, whatever their activity", async () => {
    const ours = (await nurse.rest.get<ThreadSummary[]>('/api/threads')).body.map((t) => t.id);
    const theirs = await listOneByOne(otherClinic);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((t) => ours.includes(t.id))).toEqual([]);
    expect(theirs).toEqual(byActivity(theirs));
  });
});
