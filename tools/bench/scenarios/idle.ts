import { cpuShare } from '../lib/load-workers';
import { eventLoopBusy, serverCpuMs } from '../lib/probe-client';
import { ScenarioRun } from '../lib/scenario';
import { now } from '../lib/stats';

/**
 * Long enough for every socket to be pinged at least twice at Socket.IO's default 25 s interval,
 * since the sockets connect within seconds of one another and so are pinged in step.
 */
const IDLE_WINDOW_MIN_S = 60;

/**
 * N sockets connected and quiet, as a clinic's tabs are most of the day: what keeping them costs
 * the server (heartbeats, timers) while nothing happens, and that none of them is dropped.
 */
export async function idle(run: ScenarioRun): Promise<void> {
  const { sockets, options } = run;
  const windowMs = Math.max(options.durationS, IDLE_WINDOW_MIN_S) * 1000;
  await run.eachTarget(async (target, workers) => {
    const tokens = await target.tokens(sockets);
    const { readyMs, errors } = await workers.connect({
      url: target.url,
      tokens,
      concurrency: options.concurrency,
      reconnection: false,
      track: [],
    });
    const before = await target.probe();
    const cpuBefore = await workers.cpu();
    const started = now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const elapsed = now() - started;
    const after = await target.probe();
    const cpuAfter = await workers.cpu();
    const { connected } = await workers.readyCount();
    await workers.close();
    const name = target.name;
    const cpuMsPerS = serverCpuMs(before, after) / (elapsed / 1000);
    run.errors(name, errors);
    run.generatorCpu(name, cpuShare(cpuBefore, cpuAfter));
    run.figure(name, 'server CPU (share of a core)', '%', 'lower', cpuMsPerS / 10);
    run.figure(name, 'server CPU per 1,000 idle sockets', 'ms/s', 'lower', (cpuMsPerS * 1000) / sockets);
    run.figure(name, 'server event loop busy', '%', 'lower', eventLoopBusy(before, after).share * 100);
    run.figure(name, 'server peak event-loop delay', 'ms', 'lower', after.loopDelayMaxMs);
    // A quiet socket is not a dead one: each dropped while idle is a tab that lost its live updates.
    run.figure(name, 'sockets dropped while idle', '', 'lower', readyMs.length - connected);
  });
}
