import { checkDeliveries } from '../lib/deliveries';
import { cpuShare, LoadWorkers } from '../lib/load-workers';
import { ScenarioRun } from '../lib/scenario';
import { distribution, now } from '../lib/stats';
import { FANOUT_EVENT, Target } from '../lib/targets';

const WARM_UP_SOCKETS = 10;
const WARM_UP_ROUNDS = 3;
const KIB = 1024;

/**
 * Every socket of one clinic; each round is one tenant-wide event (an appointment created over
 * REST on the API, a POST /emit on the bare server), timed until every socket has it. Also
 * handshakes per second while connecting, and memory per connected socket. `capacity` is the same
 * run at the largest size one node can hold here, where the exactly-once count is the point.
 */
export async function fanout(run: ScenarioRun): Promise<void> {
  const { sockets, options } = run;
  await run.eachTarget(async (target, workers) => {
    const tokens = await target.tokens(sockets);
    await warmUp(target, workers, tokens);
    const idle = await target.probe();

    const cpuBefore = await workers.cpu();
    const connectStarted = now();
    const connected = await workers.connect({
      url: target.url,
      tokens,
      concurrency: options.concurrency,
      reconnection: false,
      track: [FANOUT_EVENT],
    });
    const connectMs = now() - connectStarted;
    run.errors(target.name, connected.errors);
    const loaded = await target.probe();

    const started: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      started.push(now());
      await target.fanout();
      await workers.awaitAll(FANOUT_EVENT, round);
    }
    const cpuShares = cpuShare(cpuBefore, await workers.cpu());
    // After the rounds: a snapshot stops the server long enough for clients to time out.
    const profiles = run.profileFiles(target.name);
    if (profiles.cpuProfile || profiles.heapSnapshot) await target.probe(profiles);
    const deliveries = await workers.collect();
    await workers.close();

    // Rounds run one after another, so ordering the keys by first arrival gives each its round.
    const firstArrival = new Map<string, number>();
    for (const [, key, at] of deliveries) firstArrival.set(key, Math.min(at, firstArrival.get(key) ?? Infinity));
    const keys = [...firstArrival.keys()]
      .sort((a, b) => (firstArrival.get(a) ?? 0) - (firstArrival.get(b) ?? 0))
      .slice(0, options.rounds);
    const everySocket = new Set(Array.from({ length: sockets }, (_, i) => i));
    const { check, arrivals } = checkDeliveries(new Map(keys.map((key) => [key, everySocket])), deliveries);
    check.missing += (options.rounds - keys.length) * sockets;
    check.expected = options.rounds * sockets;
    const full: number[] = [];
    const each: number[] = [];
    keys.forEach((key, round) => {
      const times = (arrivals.get(key) ?? []).map((at) => at - started[round]);
      full.push(Math.max(...times));
      each.push(...times);
    });
    const fullDist = distribution(full);
    const eachDist = distribution(each);
    const name = target.name;
    run.deliveries(name, check);
    run.generatorCpu(name, cpuShares);
    run.latency({ target: name, sockets, p50: fullDist.p50, p99: eachDist.p99 });
    run.figure(name, 'handshakes/s', '/s', 'higher', (connected.readyMs.length / connectMs) * 1000, '≥ 0.8×');
    run.figure(name, 'full fan-out p50', 'ms', 'lower', fullDist.p50, '≤ 1.15×');
    run.figure(name, 'full fan-out p95', 'ms', 'lower', fullDist.p95);
    run.figure(name, 'delivery p50', 'ms', 'lower', eachDist.p50);
    run.figure(name, 'delivery p99', 'ms', 'lower', eachDist.p99, '≤ 1.3×');
    run.figure(name, 'RSS per socket', 'KiB', 'lower', (loaded.memory.rss - idle.memory.rss) / KIB / sockets, '≤ 1.5×');
    run.figure(
      name,
      'heap per socket',
      'KiB',
      'lower',
      (loaded.memory.heapUsed - idle.memory.heapUsed) / KIB / sockets,
    );
  });
}

/** A few sockets and rounds first, so that neither side measures its start-up. */
async function warmUp(target: Target, workers: LoadWorkers, tokens: string[]): Promise<void> {
  await workers.connect({
    url: target.url,
    tokens: tokens.slice(0, WARM_UP_SOCKETS),
    concurrency: WARM_UP_SOCKETS,
    reconnection: false,
    track: [FANOUT_EVENT],
  });
  for (let round = 1; round <= WARM_UP_ROUNDS; round++) {
    await target.fanout();
    await workers.awaitAll(FANOUT_EVENT, round);
  }
  await workers.collect();
  await workers.close();
}
