import { Client } from 'pg';
import { OnlineStaff } from '@derm/shared/contracts';
import {
  ApiServer,
  createTestDatabase,
  eventually,
  RealtimeTestClient,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';
import { io } from 'socket.io-client';
import { startThread } from './support/conversations';

const GRACE_MS = 200;

const onlineOf = ({ status, body }: { status: number; body: OnlineStaff[] }) => {
  if (status !== 200) throw new Error(`GET /api/presence/online answered ${status}: ${JSON.stringify(body)}`);
  return body.map((staff) => staff.userId);
};

/*
 * A handshake admitted before a sign-out and connected after it is closed as its connection
 * begins, by the re-check of a person changed during it, before the gateways bind their disconnect
 * hooks. Presence recorded the socket and, never told of its end, kept the person "online" for as
 * long as the node ran. To hold a handshake between its verdict and its connection, the test
 * recovers a session whose thread room is checked on the database, and locks that table first.
 */
describe('presence when a sign-out lands during the person’s handshake', () => {
  let server: ApiServer;
  let locker: Client;
  let colleague: StaffSession;
  let watcher: RealtimeTestClient;

  beforeAll(async () => {
    server = await startApiServer({
      database: await createTestDatabase('postgres'),
      env: { PRESENCE_GRACE_MS: String(GRACE_MS) },
    });
    locker = new Client({ connectionString: server.database.url });
    await locker.connect();
    colleague = await StaffSession.signIn(server.url, 'provider@riverside.test');
    watcher = await colleague.connect();
  });
  afterAll(async () => {
    colleague?.close();
    await locker?.end();
    await server?.dispose();
  });

  const onlineIds = async () => onlineOf(await colleague.rest.get<OnlineStaff[]>('/api/presence/online'));
  const waitingOnLocks = async () =>
    Number((await locker.query('SELECT count(*) AS n FROM pg_locks WHERE NOT granted')).rows[0].n);

  it('ends the presence of the socket it closes: the person goes offline, and the colleague stays', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const thread = await startThread(colleague, [nurse]);
    const first = await nurse.connect();
    expect(await first.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
    await colleague.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Room 2 is free' });
    await first.waitFor('message:new', (event) => event.data.threadId === thread.id);
    const credentials = first.recoveryCredentials;
    await first.dropTransport();

    // The recovery is judged (the nurse still signed in), then waits for the thread's check.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE thread_participants IN ACCESS EXCLUSIVE MODE');
    const recovering = io(server.url, {
      auth: { token: nurse.token, ...credentials },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const closed = new Promise<string>((resolve) => {
      recovering.once('connect_error', (error) => resolve(`refused: ${error.message}`));
      recovering.once('disconnect', (reason) => resolve(`closed: ${reason}`));
    });
    await eventually('the recovery waiting on the lock', async () => (await waitingOnLocks()) > 0, 5_000);
    const signedOutAt = Date.now();
    expect((await nurse.rest.post('/api/auth/logout')).status).toBe(204);
    await locker.query('COMMIT');

    // Admitted on its earlier verdict, it connects and is closed at once as revoked.
    expect(await closed).toBe('closed: io server disconnect');
    // Offline once the grace after that socket's end is over (not only after the dropped one's).
    await watcher.waitFor(
      'presence:offline',
      (offline) => offline.userId === nurse.userId && Date.parse(offline.lastSeenAt) >= signedOutAt,
    );
    expect(await onlineIds()).toEqual([colleague.userId]);
    recovering.close();
  });
});
