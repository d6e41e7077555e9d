import { randomUUID } from 'node:crypto';
import { ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ErrorBody, startThread } from './support/conversations';

describe('leaving a conversation (DELETE /api/threads/:id/participants/me)', () => {
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
        data: { threadId: thread.id, participants: remaining, leftId: frontDesk.userId },
      });
    }
    for (const bystander of bystanders) await bystander.expectNone('thread:participant-left');
    // Its unread message is no longer counted, in every tab.
    for (const socket of [deskSocket, deskOtherTab]) {
      await socket.waitFor('message:unread-count', (count) => count.byThread[thread.id] === undefined);
    }

    // Messages and typing go on for those who remain, and reach no tab of the one who left.
    expect(await providerSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
    await nurseSocket.waitFor('typing', (t) => t.threadId === thread.id && t.userId === provider.userId);
    expect((await provider.rest.post(`/api/threads/${thread.id}/messages`, { body: 'On the cart' })).status).toBe(201);
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
    expect((await frontDesk.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Still here?' })).status).toBe(403);
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
