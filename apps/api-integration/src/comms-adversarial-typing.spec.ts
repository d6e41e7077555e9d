import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startThread } from './support/conversations';

/** Long enough that an indicator ended by the lapse is told apart from one ended at once. */
const TYPING_LAPSE_MS = 20_000;
const AT_ONCE_MS = 3000;

describe('typing that ends with the person, not with the lapse', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({ env: { TYPING_LAPSE_MS: String(TYPING_LAPSE_MS) } });
    [admin, provider, otherClinic] = await Promise.all(
      ['admin@riverside.test', 'provider@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
  });
  afterAll(async () => {
    [admin, provider, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  /** A colleague signed in afresh (a sign-out or a deactivation ends their sessions). */
  const signIn = (email: string) => StaffSession.signIn(server.url, email);

  const typingIn = async (typist: StaffSession, thread: ThreadSummary, watcher: RealtimeTestClient) => {
    const socket = await typist.connect();
    expect(await socket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
    expect(await socket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
    await watcher.waitFor('typing', (t) => t.userId === typist.userId && t.isTyping);
    return socket;
  };

  it('ends at once for colleagues when the typist signs out', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const thread = await startThread(provider, [nurse]);
    const watcher = await provider.connect();
    await watcher.command('thread:join', { threadId: thread.id });
    await typingIn(nurse, thread, watcher);
    expect((await nurse.rest.post('/api/auth/logout', {})).status).toBeLessThan(300);
    await watcher.waitFor('typing', (t) => t.userId === nurse.userId && !t.isTyping, AT_ONCE_MS);
    watcher.close();
  });

  it('ends at once when an admin deactivates the typist, and they can no longer write or read there', async () => {
    const frontDesk = await signIn('frontdesk@riverside.test');
    const thread = await startThread(provider, [frontDesk]);
    const watcher = await provider.connect();
    await watcher.command('thread:join', { threadId: thread.id });
    await typingIn(frontDesk, thread, watcher);
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { active: false })).status).toBe(200);
    await watcher.waitFor('typing', (t) => t.userId === frontDesk.userId && !t.isTyping, AT_ONCE_MS);
    const refused = await frontDesk.rest.post(`/api/threads/${thread.id}/messages`, { body: 'still here?' });
    expect(refused.status).toBe(401);
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { active: true })).status).toBe(200);
    watcher.close();
  });

  it('ends at once when the typist leaves the thread over REST, and they are refused everything there', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const thread = await startThread(provider, [nurse]);
    const first = await provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'Room 2?' });
    const watcher = await provider.connect();
    await watcher.command('thread:join', { threadId: thread.id });
    const nurseSocket = await typingIn(nurse, thread, watcher);
    expect((await nurse.rest.delete(`/api/threads/${thread.id}/participants/me`)).status).toBe(204);
    await watcher.waitFor('typing', (t) => t.userId === nurse.userId && !t.isTyping, AT_ONCE_MS);

    const refusals = await Promise.all([
      nurseSocket.command('typing:start', { threadId: thread.id }),
      nurseSocket.command('typing:stop', { threadId: thread.id }),
      nurseSocket.command('thread:join', { threadId: thread.id }),
      nurseSocket.command('message:mark-read', { threadId: thread.id, messageId: first.body.id }),
    ]);
    refusals.forEach((ack) => expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } }));
    expect((await nurse.rest.get(`/api/threads/${thread.id}/messages`)).status).toBe(403);
    expect((await nurse.rest.post(`/api/threads/${thread.id}/messages`, { body: 'x' })).status).toBe(403);
    await watcher.expectNone('typing', (t) => t.userId === nurse.userId && t.isTyping);
    watcher.close();
    nurseSocket.close();
  });

  it('relays one stop for two: a second typing:stop tells nobody anything, and no other clinic hears any', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const thread = await startThread(provider, [nurse]);
    const watcher = await provider.connect();
    const stranger = await otherClinic.connect();
    await watcher.command('thread:join', { threadId: thread.id });
    const nurseSocket = await typingIn(nurse, thread, watcher);
    expect(await nurseSocket.command('typing:stop', { threadId: thread.id })).toEqual({ ok: true });
    expect(await nurseSocket.command('typing:stop', { threadId: thread.id })).toEqual({ ok: true });
    await watcher.waitFor('typing', (t) => t.userId === nurse.userId && !t.isTyping);
    await watcher.expectNone('typing', (t) => t.userId === nurse.userId && !t.isTyping);
    await stranger.expectNone('typing');
    [watcher, stranger, nurseSocket].forEach((s) => s.close());
  });

  it('shows nobody typing from a tab that closed while its typing:start was on its way', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const threads = await Promise.all([1, 2, 3, 4, 5].map(() => startThread(provider, [nurse, admin])));
    const watcher = await provider.connect();
    const marker = await admin.connect();
    for (const thread of threads) await watcher.command('thread:join', { threadId: thread.id });
    for (const thread of threads) {
      const closingTab = await nurse.connect();
      // Sent, then the tab is gone before the server has answered it.
      closingTab.socket.emit('typing:start', { threadId: thread.id }, () => undefined);
      closingTab.socket.disconnect();
    }
    // Whatever the closed tabs sent has been handled once a colleague's typing, sent after, arrives.
    await watcher.roundTrip();
    const [last] = threads.slice(-1);
    await marker.command('typing:start', { threadId: last.id });
    await watcher.waitFor('typing', (t) => t.userId === admin.userId && t.isTyping);
    for (const thread of threads) {
      const signals = watcher.received('typing').filter((t) => t.threadId === thread.id && t.userId === nurse.userId);
      expect(signals.at(-1)?.isTyping ?? false).toBe(false);
    }
    [watcher, marker].forEach((s) => s.close());
  });
});
