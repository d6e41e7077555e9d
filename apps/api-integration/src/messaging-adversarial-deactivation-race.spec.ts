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
 * An add of a colleague and her deactivation, sent at once. PostgreSQL runs them side by side (SQLite
 * runs units of work one at a time), so this suite runs there, whatever TEST_DATABASE says: a lock of
 * the test's own on `messages` holds the add after it has checked whom it adds, before it commits.
 */
describe('adding a colleague while an admin deactivates her', () => {
  let server: ApiServer;
  let locker: Client;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;

  const awaitedLocks = async () => (await locker.query<{ pid: number; table: string | null }>(AWAITED_LOCKS)).rows;

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

    await locker.query('BEGIN');
    await locker.query('LOCK TABLE messages IN SHARE MODE');
    const add = provider.rest.post<ThreadSummary>(`/api/threads/${thread.id}/participants`, {
      userIds: [nurse.userId],
    });
    await eventually(
      'the add waits to write its note',
      async () => (await awaitedLocks()).some(({ table }) => table === 'messages'),
      UNTIL_WAITING_MS,
    );
    let deactivated = false;
    const deactivation = admin.rest
      .patch<StaffAccount>(`/api/staff/${nurse.userId}`, { active: false })
      .finally(() => (deactivated = true));
    await eventually(
      'the deactivation is answered or waits its turn',
      async () => deactivated || new Set((await awaitedLocks()).map(({ pid }) => pid)).size === 2,
      UNTIL_WAITING_MS,
    );
    await locker.query('COMMIT');

    const [added, account] = await Promise.all([add, deactivation]);
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
});
