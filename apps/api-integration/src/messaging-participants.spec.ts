import { randomUUID } from 'node:crypto';
import { ChatMessage, DomainEvent, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ErrorBody, startThread } from './support/conversations';

describe('who is in a conversation', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;

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
  });
  afterAll(async () => {
    [nurse, provider, frontDesk, admin, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  describe('starting one (POST /api/threads)', () => {
    const start = (participantIds: string[]) => nurse.rest.post<ErrorBody>('/api/threads', { participantIds });
    const strangers = (count: number) => Array.from({ length: count }, () => randomUUID());

    it('holds at most 50 people, the one who starts it among them: 50 others is a clear 400', async () => {
      const tooMany = await start(strangers(50));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.message).toBe('A thread has at most 50 participants');
      // 49 others fit, with or without the starter among the ids (these are nobody's, hence 404).
      const others = strangers(49);
      for (const participantIds of [others, [nurse.userId, ...others]]) {
        expect((await start(participantIds)).status).toBe(404);
      }
    });
  });

  describe('announcing one (thread:created)', () => {
    it('tells everyone in it, the starter’s other tabs too, before anyone writes; nobody else hears of it', async () => {
      const sockets = await Promise.all([nurse, provider, frontDesk, admin, otherClinic].map((s) => s.connect()));
      const [nurseSocket, providerSocket, ...bystanders] = sockets as [
        RealtimeTestClient,
        RealtimeTestClient,
        ...RealtimeTestClient[],
      ];
      const thread = await startThread(nurse, [provider], { subject: `Tray ${randomUUID().slice(0, 4)}` });

      const ofThread = (e: DomainEvent<'thread:created'>) => e.data.threadId === thread.id;
      const heard = await Promise.all([nurseSocket, providerSocket].map((s) => s.waitFor('thread:created', ofThread)));
      for (const event of heard) {
        expect(event).toMatchObject({
          type: 'thread:created',
          actor: { id: nurse.userId },
          data: { threadId: thread.id, participants: thread.participants },
        });
      }
      for (const bystander of bystanders) await bystander.expectNone('thread:created');
      // The one it names reads it; those it does not, cannot.
      expect((await provider.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body.participants).toEqual(
        thread.participants,
      );
      expect((await frontDesk.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);
      expect((await otherClinic.rest.get(`/api/threads/${thread.id}`)).status).toBe(404);
      sockets.forEach((socket) => socket.close());
    });
  });

  describe('adding colleagues (POST /api/threads/:id/participants)', () => {
    const start = (from: StaffSession, others: StaffSession[]) =>
      startThread(from, others, { subject: `Room ${randomUUID().slice(0, 4)}` });
    const add = (as: StaffSession, threadId: string, userIds: unknown) =>
      as.rest.post<ThreadSummary & ErrorBody>(`/api/threads/${threadId}/participants`, { userIds });

    it('adds a colleague live: everyone in it hears who is in it now, the added one gets the thread, its history and its messages from then on', async () => {
      const thread = await start(nurse, [provider]);
      const asked = await nurse.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Biopsy kit?' });
      expect(asked.status).toBe(201);
      const sockets = await Promise.all([nurse, provider, frontDesk, admin, otherClinic].map((s) => s.connect()));
      const [nurseSocket, providerSocket, deskSocket, ...bystanders] = sockets as [
        RealtimeTestClient,
        RealtimeTestClient,
        RealtimeTestClient,
        ...RealtimeTestClient[],
      ];

      const { status, body } = await add(nurse, thread.id, [frontDesk.userId]);
      expect(status).toBe(200);
      const everyone = [provider, frontDesk, nurse].map((s) => s.userId).sort();
      expect(body.participants.map((p) => p.id).sort()).toEqual(everyone);

      const ofThread = (e: DomainEvent<'thread:participants-added'>) => e.data.threadId === thread.id;
      const heard = await Promise.all(
        [nurseSocket, providerSocket, deskSocket].map((s) => s.waitFor('thread:participants-added', ofThread)),
      );
      const note = {
        kind: 'joined',
        senderId: frontDesk.userId,
        senderName: 'Felix Park',
        body: '',
        addedBy: { id: nurse.userId, name: 'Nora Quinn' },
      };
      for (const event of heard) {
        expect(event).toMatchObject({
          type: 'thread:participants-added',
          actor: { id: nurse.userId },
          data: { threadId: thread.id, participants: body.participants, addedIds: [frontDesk.userId], notes: [note] },
        });
      }
      for (const bystander of bystanders) await bystander.expectNone('thread:participants-added');
      // The history is the added one's to read, unread until read, with the note of who added them.
      await deskSocket.waitFor('message:unread-count', (count) => count.byThread[thread.id] === 1);
      const history = await frontDesk.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`);
      expect(history.body.map((m) => [m.kind, m.body])).toEqual([
        ['message', 'Biopsy kit?'],
        ['joined', ''],
      ]);
      expect(history.body[1]).toEqual({ ...heard[0].data.notes[0] });
      expect(history.body[1]).toMatchObject(note);
      expect((await frontDesk.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body).toMatchObject({ unread: 1 });

      // From now on the added one is in it like everyone else: typing room and messages.
      expect(await deskSocket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      await provider.rest.post(`/api/threads/${thread.id}/messages`, { body: 'On the cart' });
      await deskSocket.waitFor(
        'message:new',
        (e) => e.data.threadId === thread.id && e.data.message.body === 'On the cart',
      );
      for (const bystander of bystanders)
        await bystander.expectNone('message:new', (e) => e.data.threadId === thread.id);
      sockets.forEach((socket) => socket.close());
    });

    it('refuses a colleague outside the thread, another clinic and strangers, and bad input, with a clear 4xx', async () => {
      const thread = await start(nurse, [provider]);
      const deskSocket = await frontDesk.connect();
      const outside = await add(frontDesk, thread.id, [admin.userId]);
      expect(outside.status).toBe(403);
      const foreign = await add(otherClinic, thread.id, [otherClinic.userId]);
      expect(foreign.status).toBe(404);
      const stranger = await add(nurse, thread.id, [otherClinic.userId]);
      expect(stranger.status).toBe(404);
      expect(stranger.body.message).toContain(otherClinic.userId);
      for (const userIds of [[], ['not-a-uuid'], 'everyone', undefined]) {
        const bad = await add(nurse, thread.id, userIds);
        expect(bad.status).toBe(400);
        expect(bad.body.fields?.['userIds']).toBeDefined();
      }
      expect((await add(nurse, 'not-a-uuid', [frontDesk.userId])).status).toBe(400);
      expect((await add(nurse, randomUUID(), [frontDesk.userId])).status).toBe(404);

      // Nothing changed: still the two of them, and the front desk heard nothing.
      expect((await nurse.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body.participants).toHaveLength(2);
      expect((await frontDesk.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);
      await deskSocket.expectNone('thread:participants-added');
      deskSocket.close();
    });

    it('adds nobody twice: a retry answers the same thread and announces nothing', async () => {
      const thread = await start(nurse, [provider]);
      expect((await add(nurse, thread.id, [frontDesk.userId])).status).toBe(200);
      const providerSocket = await provider.connect();
      const again = await add(provider, thread.id, [frontDesk.userId, nurse.userId]);
      expect(again.status).toBe(200);
      expect(again.body.participants).toHaveLength(3);
      await providerSocket.expectNone('thread:participants-added');
      providerSocket.close();
    });
  });

  describe('leaving (DELETE /api/threads/:id/participants/me)', () => {
    const leave = (as: StaffSession, threadId: string) =>
      as.rest.delete<ErrorBody | undefined>(`/api/threads/${threadId}/participants/me`);

    it('takes the thread from every tab of the one who left: they hear who remains, then nothing more of it', async () => {
      const thread = await startThread(nurse, [provider, frontDesk], { subject: `Room ${randomUUID().slice(0, 4)}` });
      await nurse.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Biopsy kit?' });
      const sockets = await Promise.all(
        [nurse, provider, frontDesk, frontDesk, admin, otherClinic].map((s) => s.connect()),
      );
      const [nurseSocket, providerSocket, deskSocket, deskOtherTab, ...bystanders] = sockets as [
        RealtimeTestClient,
        RealtimeTestClient,
        RealtimeTestClient,
        RealtimeTestClient,
        ...RealtimeTestClient[],
      ];
      // Every tab of the thread's people has it open: in its room, for typing.
      for (const socket of [nurseSocket, providerSocket, deskSocket, deskOtherTab]) {
        expect(await socket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      }

      const left = await leave(frontDesk, thread.id);
      expect(left.status).toBe(204);
      const remaining = [
        { id: provider.userId, name: 'Dr. Ana Ortiz' },
        { id: nurse.userId, name: 'Nora Quinn' },
      ];
      for (const socket of [nurseSocket, providerSocket, deskSocket, deskOtherTab]) {
        const event = await socket.waitFor('thread:participant-left', (e) => e.data.threadId === thread.id);
        expect(event).toMatchObject({
          actor: { id: frontDesk.userId },
          data: {
            threadId: thread.id,
            participants: remaining,
            leftId: frontDesk.userId,
            note: { kind: 'left', senderId: frontDesk.userId, senderName: 'Felix Park', body: '' },
          },
        });
      }
      for (const bystander of bystanders) await bystander.expectNone('thread:participant-left');
      // Those who remain read in the thread that they left.
      const history = await nurse.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`);
      expect(history.body.at(-1)).toMatchObject({ kind: 'left', senderId: frontDesk.userId });
      // Its unread message is no longer counted, in every tab.
      for (const socket of [deskSocket, deskOtherTab]) {
        await socket.waitFor('message:unread-count', (count) => count.byThread[thread.id] === undefined);
      }

      // Messages and typing go on for those who remain, and reach no tab of the one who left.
      expect(await providerSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
      await nurseSocket.waitFor('typing', (t) => t.threadId === thread.id && t.userId === provider.userId);
      expect((await provider.rest.post(`/api/threads/${thread.id}/messages`, { body: 'On the cart' })).status).toBe(
        201,
      );
      await nurseSocket.waitFor(
        'message:new',
        (e) => e.data.threadId === thread.id && e.data.message.body === 'On the cart',
      );
      for (const socket of [deskSocket, deskOtherTab, ...bystanders]) {
        await socket.expectNone('typing', (t) => t.threadId === thread.id);
        await socket.expectNone('message:new', (e) => e.data.threadId === thread.id);
      }

      // The one who left is refused like anyone outside it, over REST and on the socket.
      expect((await frontDesk.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);
      expect((await frontDesk.rest.get(`/api/threads/${thread.id}/messages`)).status).toBe(403);
      expect((await frontDesk.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Still here?' })).status).toBe(
        403,
      );
      const listed = await frontDesk.rest.get<ThreadSummary[]>('/api/threads');
      expect(listed.body.map(({ id }) => id)).not.toContain(thread.id);
      for (const command of ['thread:join', 'typing:start'] as const) {
        expect(await deskSocket.command(command, { threadId: thread.id })).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
      expect((await leave(frontDesk, thread.id)).status).toBe(403);
      sockets.forEach((socket) => socket.close());
    });

    it('lets only those in it leave, with a clear 4xx, and changes nothing when it refuses', async () => {
      const thread = await startThread(nurse, [provider]);
      const providerSocket = await provider.connect();
      const outside = await leave(admin, thread.id);
      expect(outside.status).toBe(403);
      expect(outside.body?.message).toBeTruthy();
      expect((await leave(otherClinic, thread.id)).status).toBe(404);
      expect((await leave(nurse, 'not-a-uuid')).status).toBe(400);
      expect((await leave(nurse, randomUUID())).status).toBe(404);

      expect((await nurse.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body.participants).toHaveLength(2);
      await providerSocket.expectNone('thread:participant-left');
      providerSocket.close();
    });

    it('takes the one who left back when someone adds them again', async () => {
      const thread = await startThread(nurse, [provider, frontDesk]);
      expect((await leave(frontDesk, thread.id)).status).toBe(204);
      const added = await provider.rest.post(`/api/threads/${thread.id}/participants`, { userIds: [frontDesk.userId] });
      expect(added.status).toBe(200);
      const deskSocket = await frontDesk.connect();
      expect(await deskSocket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      await nurse.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Welcome back' });
      await deskSocket.waitFor('message:new', (e) => e.data.threadId === thread.id);
      deskSocket.close();
    });
  });
});
