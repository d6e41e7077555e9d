import { randomUUID } from 'node:crypto';
import { ChatMessage, ThreadSummary, UnreadMessagesCount } from '@derm/shared/contracts';
import { ApiServer, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ErrorBody, startThread } from './support/conversations';

/** Enough rounds for a post and a leave sent together to interleave every way they can. */
const ROUNDS = 15;

describe('one thread, several writes at once', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;

  beforeAll(async () => {
    // Many writes by the same people in a short time; the budgets have their own suite.
    server = await startApiServer({ env: { REST_WRITE_POINTS: '100000', WS_RATE_LIMIT_POINTS: '100000' } });
    [nurse, provider, frontDesk] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@riverside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
  });
  afterAll(async () => {
    [nurse, provider, frontDesk].forEach((s) => s?.close());
    await server?.dispose();
  });

  const history = async (threadId: string) =>
    (await provider.rest.get<ChatMessage[]>(`/api/threads/${threadId}/messages`)).body;
  const leave = (as: StaffSession, threadId: string) =>
    as.rest.delete<ErrorBody | undefined>(`/api/threads/${threadId}/participants/me`);

  it('a message posted as someone leaves reaches them only when it comes before their left note', async () => {
    const deskSocket = await frontDesk.connect();
    for (let round = 0; round < ROUNDS; round++) {
      const thread = await startThread(provider, [frontDesk], { subject: `Handover ${round}` });
      const [posted, left] = await Promise.all([
        provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: `Round ${round}` }),
        leave(frontDesk, thread.id),
      ]);
      expect([posted.status, left.status]).toEqual([201, 204]);
      const leftNote = (await history(thread.id)).find((line) => line.kind === 'left')!;
      // Both answered, so whatever either announced to this socket is written before this answer.
      await deskSocket.roundTrip();
      const heard = deskSocket.received('message:new').filter((event) => event.data.threadId === thread.id);
      expect(heard.filter((event) => event.data.message.sentAt > leftNote.sentAt)).toEqual([]);
      if (posted.body.sentAt < leftNote.sentAt) expect(heard).toHaveLength(1);
    }
    deskSocket.close();
  });

  it('the same colleague added several times at once is added once, with one note and one announcement', async () => {
    const thread = await startThread(nurse, [provider], { subject: `Room ${randomUUID().slice(0, 4)}` });
    const providerSocket = await provider.connect();
    const added = await Promise.all(
      [1, 2, 3].map(() =>
        nurse.rest.post<ThreadSummary>(`/api/threads/${thread.id}/participants`, { userIds: [frontDesk.userId] }),
      ),
    );
    expect(added.map(({ status }) => status)).toEqual([200, 200, 200]);
    for (const { body } of added) expect(body.participants).toHaveLength(3);
    const joined = (await history(thread.id)).filter((line) => line.kind === 'joined');
    expect(joined.map((note) => note.senderId)).toEqual([frontDesk.userId]);
    await providerSocket.roundTrip();
    expect(
      providerSocket.received('thread:participants-added').filter((e) => e.data.threadId === thread.id),
    ).toHaveLength(1);
    providerSocket.close();
  });

  it('a leave sent several times at once leaves once: one note, one announcement, the rest refused', async () => {
    const thread = await startThread(nurse, [provider, frontDesk], { subject: `Room ${randomUUID().slice(0, 4)}` });
    const providerSocket = await provider.connect();
    const answers = await Promise.all([1, 2, 3].map(() => leave(frontDesk, thread.id)));
    expect(answers.map(({ status }) => status).sort()).toEqual([204, 403, 403]);
    const leftNotes = (await history(thread.id)).filter((line) => line.kind === 'left');
    expect(leftNotes.map((note) => note.senderId)).toEqual([frontDesk.userId]);
    await providerSocket.roundTrip();
    expect(
      providerSocket.received('thread:participant-left').filter((e) => e.data.threadId === thread.id),
    ).toHaveLength(1);
    providerSocket.close();
  });

  it('a post in one thread as the reader reads another: the last unread count the reader hears is the true one', async () => {
    const posting = await startThread(provider, [nurse], { subject: `Lab ${randomUUID().slice(0, 4)}` });
    const reading = await startThread(provider, [nurse], { subject: `Desk ${randomUUID().slice(0, 4)}` });
    const nurseSocket = await nurse.connect();
    const counts = () => nurseSocket.received('message:unread-count');
    const readAll = async (threadId: string) => {
      const last = (await history(threadId)).at(-1)!;
      expect((await nurseSocket.command('message:mark-read', { threadId, messageId: last.id })).ok).toBe(true);
      // Its count is written to the socket before its answer: heard by now.
    };
    for (let round = 0; round < ROUNDS; round++) {
      const heardFirst = counts().length;
      const unread = await provider.rest.post<ChatMessage>(`/api/threads/${reading.id}/messages`, {
        body: `${round}`,
      });
      await eventually(
        'the new message counted',
        async () =>
          counts()
            .slice(heardFirst)
            .some((count) => count.byThread[reading.id] === 1),
        5000,
      );
      const heardBefore = counts().length;
      // Each announces the nurse's count once: the post to a thread she is in, her own read.
      const [posted, read] = await Promise.all([
        provider.rest.post(`/api/threads/${posting.id}/messages`, { body: `Result ${round}` }),
        nurseSocket.command('message:mark-read', { threadId: reading.id, messageId: unread.body.id }),
      ]);
      expect([unread.status, posted.status, read.ok]).toEqual([201, 201, true]);
      await eventually('both counts heard', async () => counts().length >= heardBefore + 2, 5000);
      const truth = (await nurse.rest.get<UnreadMessagesCount>('/api/threads/unread-count')).body;
      expect({ round, heard: counts().at(-1) }).toEqual({ round, heard: truth });
      await readAll(posting.id);
    }
    nurseSocket.close();
  });
});
