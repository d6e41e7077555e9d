import type { Ack } from '@derm/shared/contracts';
import { readySocket, roundTripsUnderLoad, unexpectedAnswers } from '../lib/round-trips';
import { ScenarioRun } from '../lib/scenario';
import { SOCKETS_PER_USER } from '../lib/targets';

const FLOOD_LANES = 20;
const FLOOD_COMMAND = 'presence:list';
/** The flood's acks, counted under the status REST would have answered with. */
const ANSWERED = 200;
const REFUSED = 429;
const OTHER = 500;

/**
 * A message round trip in one clinic (Riverside), first idle, then while one person of another
 * clinic (the bench clinic) keeps 20 commands in flight over all the sockets they may open, each
 * sent again as soon as it is acknowledged. The API runs with its production command budget, so
 * the commands past the person's budget are refused (`RATE_LIMITED`); `--compare` an earlier build
 * to see what a change bought. The baseline is the idle round trip.
 */
export async function commandStorm(run: ScenarioRun): Promise<void> {
  await run.eachTarget(
    async (target) => {
      const [token] = await target.tokens(1);
      const sockets = await Promise.all(Array.from({ length: SOCKETS_PER_USER }, () => readySocket(target.url, token)));
      try {
        const commands = await roundTripsUnderLoad(run, target, FLOOD_LANES, async (lane) => {
          const ack: Ack = await sockets[lane % sockets.length].timeout(30_000).emitWithAck(FLOOD_COMMAND, {});
          if (ack.ok) return ANSWERED;
          return ack.error.code === 'RATE_LIMITED' ? REFUSED : OTHER;
        });
        const perSecond = (status: number) => (commands.statuses.get(status) ?? 0) / commands.seconds;
        run.figure(target.name, 'flood commands answered/s', '/s', 'lower', perSecond(ANSWERED));
        run.figure(target.name, 'flood commands refused (RATE_LIMITED)/s', '/s', 'higher', perSecond(REFUSED));
        run.errors(target.name, unexpectedAnswers(commands, [ANSWERED, REFUSED], 'command'));
      } finally {
        sockets.forEach((socket) => socket.close());
      }
    },
    false,
    { budget: 'commands' },
  );
}
