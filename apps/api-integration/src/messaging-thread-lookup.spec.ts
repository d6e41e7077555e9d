import { randomUUID } from 'node:crypto';
import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ErrorBody, startThread } from './support/conversations';

describe('a conversation by its id, and the one-to-one with a colleague', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let nurseSocket: RealtimeTestClient;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, frontDesk, admin, otherClinic] = await Promise.all(
      [
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@riverside.test',
        'nurse@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    nurseSocket = await nurse.connect();
  });
  afterAll(async () => {
    [nurse, provider, frontDesk, admin, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const start = (from: StaffSession, others: StaffSession[], subject?: string) =>
    startThread(from, others, subject ? { subject } : {});
  const post = async (from: StaffSession, threadId: string, body: string) => {
    const response = await from.rest.post<ChatMessage>(`/api/threads/${threadId}/messages`, { body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const direct = (as: StaffSession, colleagueId: string) =>
    as.rest.get<ThreadSummary & ErrorBody>(`/api/threads/direct/${colleagueId}`);

  it("answers one of the caller's threads beyond the first page as the list does, with their unread count and read positions", async () => {
    const old = await start(provider, [nurse], 'Patch test results');
    const [first, second] = [await post(provider, old.id, 'Results are in'), await post(provider, old.id, 'All clear')];
    await nurseSocket.waitFor('message:unread-count', (count) => count.byThread[old.id] === 2);
    await start(nurse, [frontDesk], 'Newer');
    const firstPage = await nurse.rest.get<ThreadSummary[]>('/api/threads?limit=1');
    expect(firstPage.body.map((thread) => thread.id)).not.toContain(old.id);

    const listed = (await nurse.rest.get<ThreadSummary[]>('/api/threads')).body.find((t) => t.id === old.id);
    const mine = await nurse.rest.get<ThreadSummary>(`/api/threads/${old.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(listed);
    expect(mine.body).toMatchObject({
      subject: 'Patch test results',
      participants: [
        { id: provider.userId, name: 'Dr. Ana Ortiz' },
        { id: nurse.userId, name: 'Nora Quinn' },
      ],
      unread: 2,
      lastMessage: second,
      readBy: { [provider.userId]: second.id },
    });
    expect((await provider.rest.get<ThreadSummary>(`/api/threads/${old.id}`)).body.unread).toBe(0);

    // A read over the socket shows in the next answer, for both.
    const ack = await nurseSocket.command('message:mark-read', { threadId: old.id, messageId: first.id });
    expect(ack.ok).toBe(true);
    expect((await nurse.rest.get<ThreadSummary>(`/api/threads/${old.id}`)).body).toMatchObject({
      unread: 1,
      readBy: { [nurse.userId]: first.id, [provider.userId]: second.id },
    });
    expect((await provider.rest.get<ThreadSummary>(`/api/threads/${old.id}`)).body.readBy[nurse.userId]).toBe(first.id);
  });

  it("refuses a colleague's thread to someone outside it (403), hides another clinic's (404) and refuses a nonsense id (400)", async () => {
    const thread = await start(nurse, [provider], 'Between two');

    const outsider = await frontDesk.rest.get<ErrorBody>(`/api/threads/${thread.id}`);
    expect(outsider.status).toBe(403);
    expect(outsider.body.message).toBe('Only participants of this thread may do this');

    // Another clinic cannot tell this thread from one that does not exist.
    const theirs = await otherClinic.rest.get<ErrorBody>(`/api/threads/${thread.id}`);
    const unknownId = randomUUID();
    const unknown = await otherClinic.rest.get<ErrorBody>(`/api/threads/${unknownId}`);
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(theirs.body.message).toBe(`Thread ${thread.id} not found`);
    expect(unknown.body.message).toBe(`Thread ${unknownId} not found`);
    expect((await nurse.rest.get<ErrorBody>(`/api/threads/${unknownId}`)).status).toBe(404);

    for (const path of ['/api/threads/not-a-thread', `/api/threads/${thread.id}x`, '/api/threads/direct/nobody']) {
      const nonsense = await nurse.rest.get<ErrorBody>(path);
      expect(nonsense.status).toBe(400);
      expect(nonsense.body.message).toEqual(expect.stringContaining('must be a lower-case UUID'));
    }
  });

  it('finds the most recently active one-to-one with a colleague, from either side, never a group or someone else’s', async () => {
    const none = async (as: StaffSession, colleagueId: string) => {
      const answer = await direct(as, colleagueId);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toBe('No conversation with just this colleague');
    };
    // A group with both, and the admin's one-to-one with someone else, are not the nurse's one-to-one.
    await start(nurse, [admin, provider], 'Group');
    await start(provider, [admin], 'Not hers');
    await none(nurse, admin.userId);
    await none(admin, nurse.userId);

    const earlier = await start(nurse, [admin], 'Earlier');
    const later = await start(admin, [nurse], 'Later');
    expect((await direct(nurse, admin.userId)).body).toMatchObject({ id: later.id, subject: 'Later' });

    const message = await post(nurse, earlier.id, 'Back to this one');
    const found = await direct(nurse, admin.userId);
    expect(found.status).toBe(200);
    expect(found.body).toEqual((await nurse.rest.get<ThreadSummary>(`/api/threads/${earlier.id}`)).body);
    expect(found.body).toMatchObject({ id: earlier.id, unread: 0, lastMessage: message });
    expect((await direct(admin, nurse.userId)).body).toMatchObject({ id: earlier.id, unread: 1 });
    // A group thread made more recent changes nothing.
    await start(admin, [nurse, frontDesk], 'Newest group');
    expect((await direct(nurse, admin.userId)).body.id).toBe(earlier.id);
  });

  it('tells nothing about anyone outside the clinic, an unknown id or the caller themself', async () => {
    const none = async (as: StaffSession, colleagueId: string) => {
      const answer = await direct(as, colleagueId);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toBe('No conversation with just this colleague');
    };
    await start(nurse, [frontDesk], 'Ours');
    await none(nurse, otherClinic.userId);
    await none(otherClinic, nurse.userId);
    await none(otherClinic, frontDesk.userId);
    await none(nurse, randomUUID());
    await none(nurse, nurse.userId);
  });

  it('still finds the conversation with a colleague whose account was deactivated, its history kept', async () => {
    const thread = await start(provider, [frontDesk], 'Before you go');
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { active: false })).status).toBe(200);
    try {
      const found = await direct(provider, frontDesk.userId);
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(thread.id);
      expect((await provider.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).status).toBe(200);
    } finally {
      await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { active: true });
    }
  });
});
