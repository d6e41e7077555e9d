import { roundTripsUnderLoad, unexpectedAnswers } from '../lib/round-trips';
import { ScenarioRun } from '../lib/scenario';

const FLOOD_LANES = 20;
/** The longest page of the longest list everyone may read: the bench clinic's whole staff. */
const FLOOD_READ = '/api/staff?limit=500';

/**
 * A message round trip in one clinic (Riverside), first idle, then while one person of another
 * clinic (the bench clinic) keeps 20 reads of its whole staff list in flight, each sent again as
 * soon as it is answered. The API runs with its production read budget and turns, so the reads
 * past the person's budget are refused (429), each after being held; `--compare` an earlier build
 * to see what they bought. The baseline is the idle round trip.
 */
export async function readStorm(run: ScenarioRun): Promise<void> {
  await run.eachTarget(
    async (target) => {
      const [token] = await target.tokens(1);
      const reads = await roundTripsUnderLoad(run, target, FLOOD_LANES, async () => {
        const response = await fetch(`${target.url}${FLOOD_READ}`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        return response.status;
      });
      const perSecond = (status: number) => (reads.statuses.get(status) ?? 0) / reads.seconds;
      run.figure(target.name, 'flood reads answered/s', '/s', 'lower', perSecond(200));
      run.figure(target.name, 'flood reads refused (429)/s', '/s', 'higher', perSecond(429));
      run.errors(target.name, unexpectedAnswers(reads, [200, 429], 'read'));
    },
    false,
    { budget: 'reads' },
  );
}
