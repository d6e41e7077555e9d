import { checkDeliveries } from '../lib/deliveries';
import { cpuShare } from '../lib/load-workers';
import { ScenarioRun } from '../lib/scenario';
import { distribution, now } from '../lib/stats';
import { MESSAGE_EVENT } from '../lib/targets';
import { Delivery } from '../lib/worker-protocol';

const THREADS = 200;
const PARTICIPANTS = 5;
const DRAIN_DEADLINE_MS = 120_000;

/**
 * 200 threads of 5 people; messages at a steady rate (`--rate` per second for `--duration`
 * seconds, open loop), each preceded by `typing:start` from the sender's socket on the API (the
 * bare server has no commands). Timed from the POST to each recipient socket's `message:new`;
 * every socket of every participant must have each message exactly once.
 */
export async function messageStorm(run: ScenarioRun): Promise<void> {
  const { sockets, options } = run;
  await run.eachTarget(async (target, workers) => {
    const users = Math.min(target.users.length, sockets);
    const members = Array.from({ length: THREADS }, (_, t) =>
      Array.from({ length: PARTICIPANTS }, (_, j) => (t * PARTICIPANTS + j) % users),
    );
    const tokens = await target.tokens(sockets);
    const threadIds = await target.createThreads(members);
    const connected = await workers.connect({
      url: target.url,
      tokens,
      concurrency: options.concurrency,
      reconnection: false,
      track: [MESSAGE_EVENT],
    });
    run.errors(target.name, connected.errors);
    const socketsOf = (user: number) =>
      Array.from({ length: Math.ceil((sockets - user) / users) }, (_, k) => user + k * users);

    const cpuBefore = await workers.cpu();
    const total = options.rate * options.durationS;
    const sentAt = new Map<string, number>();
    const expected = new Map<string, Set<number>>();
    const posts: Promise<void>[] = [];
    const started = now();
    for (let k = 0; k < total; k++) {
      const wait = started + (k * 1000) / options.rate - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const thread = k % THREADS;
      const sender = members[thread][Math.floor(k / THREADS) % PARTICIPANTS];
      if (target.name !== 'bare Socket.IO') await workers.emit(sender, 'typing:start', { threadId: threadIds[thread] });
      const at = now();
      posts.push(
        target.postMessage(sender, threadIds[thread]).then((id) => {
          sentAt.set(id, at);
          expected.set(id, new Set(members[thread].flatMap(socketsOf)));
        }),
      );
    }
    await Promise.all(posts);
    const achievedRate = (total / (now() - started)) * 1000;
    const wanted = [...expected.values()].reduce((sum, s) => sum + s.size, 0);
    const deliveries: Delivery[] = [];
    const drainStarted = now();
    while (deliveries.length < wanted && now() - drainStarted < DRAIN_DEADLINE_MS) {
      deliveries.push(...(await workers.collect()));
      if (deliveries.length < wanted) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cpuShares = cpuShare(cpuBefore, await workers.cpu());
    const { cpuProfile } = run.profileFiles(target.name);
    if (cpuProfile) await target.probe({ cpuProfile });
    await workers.close();

    const { check, arrivals } = checkDeliveries(expected, deliveries);
    const each: number[] = [];
    const last: number[] = [];
    for (const [id, times] of arrivals) {
      const sent = sentAt.get(id) ?? NaN;
      const latencies = times.map((at) => at - sent);
      each.push(...latencies);
      last.push(Math.max(...latencies));
    }
    const eachDist = distribution(each);
    const name = target.name;
    run.deliveries(name, check);
    run.generatorCpu(name, cpuShares);
    run.figure(name, 'messages/s achieved', '/s', 'higher', achievedRate);
    run.figure(name, 'message → recipient p50', 'ms', 'lower', eachDist.p50);
    run.figure(name, 'message → recipient p99', 'ms', 'lower', eachDist.p99);
    run.figure(name, 'message → last recipient p99', 'ms', 'lower', distribution(last).p99);
  });
}
