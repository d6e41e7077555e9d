import { cpuShare } from '../lib/load-workers';
import { ScenarioRun } from '../lib/scenario';
import { now } from '../lib/stats';

const ALL_READY_DEADLINE_MS = 5 * 60_000;

/**
 * Every socket connected, then the server stops as in a deploy (SIGTERM) and starts again on the
 * same port; the clients come back by themselves with backoff and jitter. Timed until every
 * socket has had `session:ready` again, with the restarted server's peak event-loop delay.
 */
export async function reconnectStorm(run: ScenarioRun): Promise<void> {
  const { sockets, options } = run;
  await run.eachTarget(async (target, workers) => {
    const tokens = await target.tokens(sockets);
    const connected = await workers.connect({
      url: target.url,
      tokens,
      concurrency: options.concurrency,
      reconnection: true,
      track: [],
    });
    run.errors(target.name, connected.errors);
    await workers.mark();
    const cpuBefore = await workers.cpu();
    const stopped = now();
    await target.stop();
    await target.start();
    const up = now();
    let count = await workers.readyCount();
    // Until every socket is back, or has been refused and stopped trying.
    while (count.ready + count.gaveUp.length < connected.readyMs.length && now() - up < ALL_READY_DEADLINE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      count = await workers.readyCount();
    }
    const server = await target.probe();
    const name = target.name;
    run.generatorCpu(name, cpuShare(cpuBefore, await workers.cpu()));
    await workers.close();
    run.errors(
      name,
      count.gaveUp.map((reason) => `refused on reconnecting: ${reason}`),
    );
    run.figure(name, 'ready again', 'sockets', 'higher', count.ready);
    run.figure(name, 'server up → all ready', 'ms', 'lower', count.lastAt - up);
    run.figure(name, 'stop → all ready', 'ms', 'lower', count.lastAt - stopped);
    run.figure(name, 'server peak event-loop delay', 'ms', 'lower', server.loopDelayMaxMs);
  });
}
