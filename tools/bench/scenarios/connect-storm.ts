import { cpuShare } from '../lib/load-workers';
import { ScenarioRun } from '../lib/scenario';
import { distribution, now } from '../lib/stats';

/** Every socket connects at once (bounded only by `--concurrency` per worker), as after a deploy. */
export async function connectStorm(run: ScenarioRun): Promise<void> {
  const { sockets, options } = run;
  await run.eachTarget(async (target, workers) => {
    const tokens = await target.tokens(sockets);
    await target.probe();
    const cpuBefore = await workers.cpu();
    const started = now();
    const { readyMs, errors } = await workers.connect({ url: target.url, tokens, concurrency: options.concurrency, reconnection: false, track: [] });
    const elapsed = now() - started;
    const server = await target.probe(run.profileFiles(target.name));
    const cpuAfter = await workers.cpu();
    await workers.close();
    const ready = distribution(readyMs);
    const name = target.name;
    run.errors(name, errors);
    run.generatorCpu(name, cpuShare(cpuBefore, cpuAfter));
    run.figure(name, 'handshakes/s', '/s', 'higher', (readyMs.length / elapsed) * 1000, '≥ 0.8×');
    run.figure(name, 'time to all ready', 'ms', 'lower', elapsed);
    run.figure(name, 'connect → ready p50', 'ms', 'lower', ready.p50);
    run.figure(name, 'connect → ready p99', 'ms', 'lower', ready.p99);
    run.figure(name, 'server peak event-loop delay', 'ms', 'lower', server.loopDelayMaxMs);
    run.figure(name, 'refused or failed', '', 'lower', errors.length);
  });
}
