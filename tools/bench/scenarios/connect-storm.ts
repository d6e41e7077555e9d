import { cpuShare } from '../lib/load-workers';
import { eventLoopBusy, gcPauseMs, serverCpuMs } from '../lib/probe-client';
import { ScenarioRun } from '../lib/scenario';
import { distribution, now } from '../lib/stats';

/** Every socket connects at once (bounded only by `--concurrency` per worker), as after a deploy. */
export async function connectStorm(run: ScenarioRun): Promise<void> {
  const { sockets, options } = run;
  await run.eachTarget(async (target, workers) => {
    const tokens = await target.tokens(sockets);
    // With --cpu-prof, the start and the sign-ins go to a profile of their own; the main one is the connecting.
    const { cpuProfile } = run.profileFiles(target.name, 'setup');
    if (cpuProfile) await target.probe({ cpuProfile });
    const idle = await target.probe();
    const cpuBefore = await workers.cpu();
    const started = now();
    const { readyMs, errors } = await workers.connect({
      url: target.url,
      tokens,
      concurrency: options.concurrency,
      reconnection: false,
      track: [],
    });
    const elapsed = now() - started;
    const server = await target.probe();
    const cpuAfter = await workers.cpu();
    const profiles = run.profileFiles(target.name);
    if (profiles.cpuProfile || profiles.heapSnapshot) await target.probe(profiles);
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
    // The server's own work per connection: steadier than the rate, which also moves with the generator's share of the cores.
    run.figure(
      name,
      'server CPU per handshake',
      'ms',
      'lower',
      serverCpuMs(idle, server) / Math.max(readyMs.length, 1),
    );
    // Near 100%, the server's main thread is what bounds the rate; well under it, the clients' share of the cores.
    const loop = eventLoopBusy(idle, server);
    run.figure(name, 'server event loop busy', '%', 'lower', loop.share * 100);
    // What the server alone could take, were its event loop busy all the time with nothing else on its core.
    run.figure(
      name,
      'handshakes per busy second of the server',
      '/s',
      'higher',
      readyMs.length / (Math.max(loop.ms, 1) / 1000),
    );
    run.figure(
      name,
      'server GC pauses per handshake',
      'ms',
      'lower',
      gcPauseMs(idle, server) / Math.max(readyMs.length, 1),
    );
    run.figure(name, 'refused or failed', '', 'lower', errors.length);
  });
}
