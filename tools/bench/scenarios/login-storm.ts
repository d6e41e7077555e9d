import { roundTripsUnderLoad, unexpectedAnswers } from '../lib/round-trips';
import { ScenarioRun } from '../lib/scenario';
import { distribution } from '../lib/stats';

const PARALLEL_SIGN_INS = 20;
const DEMO_PASSWORD = 'demo-password';
const OTHER_CLINIC = ['provider', 'nurse', 'frontdesk', 'admin'].map((login) => `${login}@lakeside.test`);

/**
 * A message round trip in one clinic (Riverside: the nurse posts over REST, the provider's socket
 * receives it), first idle, then while another clinic (Lakeside) keeps 20 sign-ins in flight.
 * The baseline is the idle round trip of the same run: the target is storm p95 ≤ 1.5× idle p95.
 */
export async function loginStorm(run: ScenarioRun): Promise<void> {
  await run.eachTarget(async (target) => {
    const signIns = await roundTripsUnderLoad(
      run,
      target,
      PARALLEL_SIGN_INS,
      async (lane) => {
        const response = await fetch(`${target.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: OTHER_CLINIC[lane % OTHER_CLINIC.length], password: DEMO_PASSWORD }),
        });
        await response.arrayBuffer();
        return response.status;
      },
      '≤ 1.5×',
    );
    run.figure(target.name, 'sign-in p50 during the storm', 'ms', 'lower', distribution(signIns.durations).p50);
    run.figure(target.name, 'sign-ins/s during the storm', '/s', 'higher', signIns.durations.length / signIns.seconds);
    run.errors(target.name, unexpectedAnswers(signIns, [200], 'sign-in'));
  }, false);
}
