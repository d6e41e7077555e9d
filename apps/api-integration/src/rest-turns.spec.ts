import { ApiServer, StaffSession } from '@derm/shared/test-client';
import { HeldTurns, startWithHeldTurns } from './support/held-turns';

const IN_FLIGHT = 2;
const PATIENTS = '/api/patients';

/** A person's reads of the patients are held in the database (`startWithHeldTurns`). */
describe("one person's REST requests take turns", () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakeside: StaffSession;
  let turns: HeldTurns;

  beforeAll(async () => {
    turns = await startWithHeldTurns(IN_FLIGHT);
    server = turns.server;
    [nurse, provider, lakeside] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
    ]);
  });
  afterAll(() => turns?.dispose());

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
    await turns.lockPatients();
    const nurseReads = Array.from({ length: 3 }, () => nurse.rest.get(PATIENTS));
    const abandoned = [abandonableRead(nurse), abandonableRead(nurse)];
    await turns.untilWaiting("two of the nurse's five reads in flight, three waiting their turn", 3);

    expect(await statuses([provider.rest.get('/api/threads'), lakeside.rest.get('/api/threads')])).toEqual([200, 200]);
    const othersInFlight = [provider.rest.get(PATIENTS), lakeside.rest.get(PATIENTS)];
    // The nurse's other requests wait behind her own, whatever they ask for.
    const nurseThreads = nurse.rest.get('/api/threads');
    await turns.untilWaiting("the nurse's read of her threads waiting too", 4);

    abandoned.forEach(({ abandon }) => abandon());
    await turns.unlockPatients();
    expect(await statuses([...nurseReads, ...othersInFlight, nurseThreads])).toEqual(Array(6).fill(200));
    expect(await Promise.all(abandoned.map(({ read }) => read))).toEqual(['abandoned', 'abandoned']);
    await turns.untilWaiting('nothing waiting once every read was answered', 0);

    // The abandoned reads gave their turns back: the nurse has both of hers again.
    await turns.lockPatients();
    const again = Array.from({ length: IN_FLIGHT + 1 }, () => nurse.rest.get(PATIENTS));
    await turns.untilWaiting('one of three waiting', 1);
    await turns.unlockPatients();
    expect(await statuses(again)).toEqual(Array(IN_FLIGHT + 1).fill(200));
  });
});
