import { ChatMessage, HandshakeAuth, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

describe('the test client a suite drives the API with', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakeside: StaffSession;
  let thread: ThreadSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, lakeside] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'nurse@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId], subject: 'Toolkit' })
    ).body;
  });
  afterAll(async () => {
    [nurse, provider, lakeside].forEach((session) => session?.close());
    await server?.dispose();
  });

  const send = async (body: string) =>
    (await provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body })).body;

  it('names the event and what did arrive when a wait runs out', async () => {
    const socket = await nurse.connect();
    const sent = await send('Arrived, but not the one awaited');
    await socket.waitFor('message:new', (e) => e.data.message.id === sent.id);
    const other = await send('The only other message');

    const failure = await socket
      .waitFor('message:new', (e) => e.data.message.id === 'never', 500)
      .then(
        () => new Error('resolved'),
        (error: Error) => error,
      );
    expect(failure.message).toContain('message:new');
    expect(failure.message).toContain(other.id);
    socket.close();
  });

  it('refuses to open a socket of one person with another person’s token', async () => {
    await expect(nurse.connect({ auth: { token: lakeside.token } })).rejects.toThrow(/nurse@riverside\.test/);
  });

  it('keeps its own token when a handshake only asks for batched presence', async () => {
    const tab = await nurse.connect({ auth: { presence: 'batched' } satisfies Partial<HandshakeAuth> });
    expect(tab.ready).toMatchObject({ userId: nurse.userId, tenantId: nurse.tenantId });
    tab.close();
  });

  it('does not report "nothing received" for a socket that could no longer receive', async () => {
    const signedOut = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const socket = await signedOut.connect();
    const marker = await provider.connect();
    expect((await signedOut.rest.post('/api/auth/logout')).status).toBeLessThan(300);
    await socket.waitFor('session:expired');
    await socket.disconnected();

    const sent = await send('Sent once the socket was gone');
    await expect(
      socket.expectNone('message:new', () => true, {
        after: marker.waitFor('message:new', (e) => e.data.message.id === sent.id),
      }),
    ).rejects.toThrow(/not connected/);
    marker.close();
  });

  it('ends a pending wait when its socket is closed, instead of holding a timer to its deadline', async () => {
    const socket = await nurse.connect();
    const pending = socket.waitFor('message:new', () => false, 60_000);
    socket.close();
    await expect(pending).rejects.toThrow(/message:new.*closed/);
  }, 5000);

  it('names a command whose acknowledgement never came', async () => {
    const socket: RealtimeTestClient = await nurse.connect();
    socket.close();
    await expect(socket.command('thread:join', { threadId: thread.id }, 200)).rejects.toThrow(/thread:join/);
  });

  it('gives up on a disconnection that never comes, by a deadline', async () => {
    const socket = await nurse.connect();
    await expect(socket.disconnected(200)).rejects.toThrow(/still connected/);
    socket.close();
  }, 5000);

  it('answers with the status and text of a response that is not JSON', async () => {
    const docs = await nurse.rest.get<string>('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('<html');
  });

  it('keeps the ready of the latest handshake once a socket has reconnected', async () => {
    const socket = await nurse.connect({ reconnection: true, reconnectionDelay: 50, randomizationFactor: 0 });
    expect(socket.ready.recovered).toBe(false);
    // A session is recoverable once the socket has received a broadcast.
    const sent = await send('Received before the connection drops');
    await socket.waitFor('message:new', (e) => e.data.message.id === sent.id);
    await socket.dropTransport();
    const again = await socket.waitFor('session:ready', () => true, 5000);
    expect(again.recovered).toBe(true);
    expect(socket.ready).toEqual(again);
    socket.close();
  });

  it('refreshes its token for REST, its open sockets and the sockets it opens next; not once signed out', async () => {
    const session = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const open = await session.connect();
    const refreshed = await session.refresh();
    expect(session.token).toBe(refreshed.accessToken);
    expect(session.login.expiresAt).toBe(refreshed.expiresAt);
    expect((await session.rest.get<{ id: string }[]>('/api/staff')).status).toBe(200);
    await open.roundTrip();
    const next = await session.connect();
    expect(next.ready.userId).toBe(nurse.userId);

    expect((await session.rest.post('/api/auth/logout')).status).toBeLessThan(300);
    await expect(session.refresh()).rejects.toThrow(/nurse@riverside\.test.*401/);
    session.close();
  });

  it('fails the wait whose predicate throws, with that error, and goes on recording', async () => {
    const socket = await nurse.connect();
    const broken = socket.waitFor(
      'message:new',
      (e) => (e.data as unknown as { absent: { id: string } }).absent.id === '',
    );
    const failed = expect(broken).rejects.toThrow(/message:new.*reading 'id'/);
    const sent = await send('Read by a predicate that throws');
    await failed;
    expect((await socket.waitFor('message:new', (e) => e.data.message.id === sent.id)).data.message.id).toBe(sent.id);
    socket.close();
  });
});
