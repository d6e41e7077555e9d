import { Client } from 'pg';
import { ApiServer, createTestDatabase, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';
import { sample, scrape } from './support/metrics';

const IN_FLIGHT = 2;
const PATIENTS = '/api/patients';

/**
 * A PostgreSQL lock on the patients table holds every read of it in the database, so that a
 * person's requests stay in flight for as long as the test needs, and what waits for its turn can
 * be counted (`derm_rest_requests_waiting`).
 */
describe("one person's REST requests take turns", () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakeside: StaffSession;
  let locker: Client;

  beforeAll(async () => {
    server = await startApiServer({
      database: await createTestDatabase('postgres'),
      env: { REST_IN_FLIGHT_PER_PERSON: String(IN_FLIGHT) },
    });
    [nurse, provider, lakeside] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
    ]);
    locker = new Client({ connectionString: server.database.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await server?.dispose();
  });

  const lockPatients = async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE patients IN ACCESS EXCLUSIVE MODE');
  };
  const unlockPatients = () => locker.query('COMMIT');
  const waitingForTurn = async () => sample((await scrape(server.url)).text, 'derm_rest_requests_waiting');
  const untilWaiting = (description: string, count: number) =>
    eventually(description, async () => (await waitingForTurn()) === count, 10_000);
  const abandonableRead = (session: StaffSession) => {
    const abandon = new AbortController();
    const read = fetch(`${server.url}${PATIENTS}`, {
      headers: { authorization: `Bearer ${session.token}` },
      signal: abandon.signal,
    }).catch(() => 'abandoned');
    return { abandon: () => abandon.abort(), read };
  };
  const statuses = async (requests: Promise<{ status: number }>[]) =>
    (await Promise.all(requests)).map(({ status }) => status);

  it('serves at most REST_IN_FLIGHT_PER_PERSON of them at once; a colleague and another clinic are not queued behind them', async () => {
    await lockPatients();
    const nurseReads = Array.from({ length: 3 }, () => nurse.rest.get(PATIENTS));
    const abandoned = [abandonableRead(nurse), abandonableRead(nurse)];
    await untilWaiting("two of the nurse's five reads in flight, three waiting their turn", 3);

    expect(await statuses([provider.rest.get('/api/threads'), lakeside.rest.get('/api/threads')])).toEqual([200, 200]);
    const othersInFlight = [provider.rest.get(PATIENTS), lakeside.rest.get(PATIENTS)];
    // The nurse's other requests wait behind her own, whatever they ask for.
    const nurseThreads = nurse.rest.get('/api/threads');
    await untilWaiting("the nurse's read of her threads waiting too", 4);

    abandoned.forEach(({ abandon }) => abandon());
    await unlockPatients();
    expect(await statuses([...nurseReads, ...othersInFlight, nurseThreads])).toEqual(Array(6).fill(200));
    expect(await Promise.all(abandoned.map(({ read }) => read))).toEqual(['abandoned', 'abandoned']);
    await untilWaiting('nothing waiting once every read was answered', 0);

    // The abandoned reads gave their turns back: the nurse has both of hers again.
    await lockPatients();
    const again = Array.from({ length: IN_FLIGHT + 1 }, () => nurse.rest.get(PATIENTS));
    await untilWaiting('one of three waiting', 1);
    await unlockPatients();
    expect(await statuses(again)).toEqual(Array(IN_FLIGHT + 1).fill(200));
  });
});
