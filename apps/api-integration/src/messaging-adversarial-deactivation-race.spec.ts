import { Client } from 'pg';
import { DomainEvent, StaffAccount, ThreadSummary } from '@derm/shared/contracts';
import {
  ApiServer,
  createTestDatabase,
  eventually,
  RealtimeTestClient,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';
import { startThread } from './support/conversations';

/** How long a request may take to reach the lock it waits for: a bound on a condition, not a sleep. */
const UNTIL_WAITING_MS = 10_000;
/** The locks the API's connections wait for: on a table (its name), or on a row (null). */
const AWAITED_LOCKS = `SELECT DISTINCT l.pid, l.relation::regclass::text AS "table" FROM pg_locks l
  JOIN pg_stat_activity a USING (pid) WHERE NOT l.granted AND a.datname = current_database()`;

/**
 * An add of a colleague, or a new conversation with her, and her deactivation, sent at once.
 * PostgreSQL runs them side by side (SQLite runs units of work one at a time), so this suite runs
 * there, whatever TEST_DATABASE says: a lock of the test's own on a table the request writes holds it
 * after it has checked whom it takes in, before it commits.
 */
describe('taking in a colleague while an admin deactivates her', () => {
  let server: ApiServer;
  let locker: Client;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;

  const awaitedLocks = async () => (await locker.query<{ pid: number; table: string | null }>(AWAITED_LOCKS)).rows;
  /** What each connection to the test database was doing, for a failure to say why nobody waited. */
  const backends = async () =>
    (
      await locker.query(`SELECT pid, state, wait_event_type, wait_event, left(query, 100) AS query
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
    ).rows;

  /**
   * Sends `request` and, once it waits for the test's lock on `table` (after it has read whom it
   * takes in), the nurse's deactivation; lets both go once the deactivation is answered or waits its
   * turn. `answeredWhileHeld`: the deactivation was answered before the request could commit.
   */
  async function deactivateWhileHeld<T>(table: string, request: () => Promise<T>) {
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${table} IN SHARE MODE`);
    const held = request();
    await eventually(
      `the request waits to write to ${table}`,
      async () => (await awaitedLocks()).some((lock) => lock.table === table),
      UNTIL_WAITING_MS,
    );
    let answered = false;
    const deactivation = admin.rest
      .patch<StaffAccount>(`/api/staff/${nurse.userId}`, { active: false })
      .finally(() => (answered = true));
    await eventually(
      'the deactivation is answered or waits its turn',
      async () => answered || new Set((await awaitedLocks()).map(({ pid }) => pid)).size === 2,
      UNTIL_WAITING_MS,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; the database's backends then: ${JSON.stringify(await backends())}`);
    });
    const answeredWhileHeld = answered;
    await locker.query('COMMIT');
    const [response, account] = await Promise.all([held, deactivation]);
    return { response, account, answeredWhileHeld };
  }

  beforeAll(async () => {
    server = await startApiServer({ database: await createTestDatabase('postgres') });
    locker = new Client({ connectionString: server.database.url });
    await locker.connect();
    [provider, frontDesk, admin, nurse, otherClinic] = await Promise.all(
      [
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@riverside.test',
        'nurse@riverside.test',
        'nurse@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
  });
  afterAll(async () => {
    [provider, frontDesk, admin, nurse, otherClinic].forEach((s) => s?.close());
    await locker?.end();
    await server?.dispose();
  });

  it('she joins only as an active colleague: the deactivation waits for the add, and the thread is told of her before she is gone', async () => {
    const thread = await startThread(provider, [frontDesk]);
    const [providerSocket, foreignSocket] = (await Promise.all(
      [provider, otherClinic].map((s) => s.connect()),
    )) as RealtimeTestClient[];
    // The order the provider's tab hears things in: the add, and the nurse's deactivation.
    const heard: string[] = [];
    providerSocket.socket.onAny((event: string) => heard.push(event));

    // The add is held as it writes its note.
    const { response: added, account } = await deactivateWhileHeld('messages', () =>
      provider.rest.post<ThreadSummary>(`/api/threads/${thread.id}/participants`, { userIds: [nurse.userId] }),
    );
    expect(added.status).toBe(200);
    expect(account.status).toBe(200);
    const ofThread = (e: DomainEvent<'thread:participants-added'>) => e.data.threadId === thread.id;
    const told = await providerSocket.waitFor('thread:participants-added', ofThread);
    expect(told.data.participants).toContainEqual({ id: nurse.userId, name: 'Nora Quinn', active: true });
    await providerSocket.waitFor('staff:changed', (e) => e.data.account.id === nurse.userId);
    expect(heard.filter((event) => event === 'thread:participants-added' || event === 'staff:changed')).toEqual([
      'thread:participants-added',
      'staff:changed',
    ]);
    await foreignSocket.expectNone('thread:participants-added');
    [providerSocket, foreignSocket].forEach((socket) => socket.close());
  });

  it('a conversation started with her holds her account until it is created: the deactivation waits for it, so she is never made a participant once deactivated', async () => {
    // The add above left her deactivated.
    expect((await admin.rest.patch(`/api/staff/${nurse.userId}`, { active: true })).status).toBe(200);
    const [providerSocket, foreignSocket] = (await Promise.all(
      [provider, otherClinic].map((s) => s.connect()),
    )) as RealtimeTestClient[];

    // The creation is held as it inserts the thread; a deactivation answered meanwhile would have
    // committed before the thread that makes her a participant.
    const {
      response: created,
      account,
      answeredWhileHeld,
    } = await deactivateWhileHeld('message_threads', () =>
      provider.rest.post<ThreadSummary>('/api/threads', { participantIds: [frontDesk.userId, nurse.userId] }),
    );
    expect(answeredWhileHeld).toBe(false);
    expect(created.status).toBe(201);
    expect(account.status).toBe(200);
    expect(account.body.active).toBe(false);
    await providerSocket.waitFor('staff:changed', (e) => e.data.account.id === nurse.userId && !e.data.account.active);
    const thread = await provider.rest.get<ThreadSummary>(`/api/threads/${created.body.id}`);
    expect(thread.body.participants).toContainEqual({ id: nurse.userId, name: 'Nora Quinn', active: false });
    expect((await otherClinic.rest.get(`/api/threads/${created.body.id}`)).status).toBe(404);
    await foreignSocket.expectNone('staff:changed');
    [providerSocket, foreignSocket].forEach((socket) => socket.close());
  });
});
