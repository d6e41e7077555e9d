import { io, Socket } from 'socket.io-client';
import { RestClient } from '@derm/shared/test-client';
import type { ScenarioRun } from './scenario';
import { distribution, now } from './stats';
import { MESSAGE_EVENT, signIn, Target } from './targets';

const DEMO_PASSWORD = 'demo-password';
/** Round trips made and thrown away first: the first ones after a start run cold code. */
const WARM_UP_ROUNDS = 20;

/** A socket of the token's person, as a portal tab opens it, once it has `session:ready`. */
export async function readySocket(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((resolve) => socket.once('session:ready', resolve));
  return socket;
}

/** What a scenario measures other clinics' service by while it loads the server. */
export interface MessageRoundTrips {
  /** One message, posted over REST and timed until the other person's socket has it (ms). */
  one(): Promise<number>;
  /** `count` round trips one after the other. */
  many(count: number): Promise<ReturnType<typeof distribution>>;
  close(): void;
}

/**
 * Message round trips in the Riverside demo clinic: its nurse posts over REST, its provider's
 * socket receives it. The first few are made here, so the figures start warm.
 */
export async function messageRoundTrips(url: string): Promise<MessageRoundTrips> {
  const sender = await signIn(url, 'nurse@riverside.test', DEMO_PASSWORD);
  const receiver = await signIn(url, 'provider@riverside.test', DEMO_PASSWORD);
  const rest = new RestClient(url, sender.accessToken);
  const thread = (
    await rest.post<{ id: string }>('/api/threads', {
      participantIds: [receiver.user.id],
      subject: 'Bench round trips',
    })
  ).body;
  const socket = await readySocket(url, receiver.accessToken);

  const one = async () => {
    const started = now();
    const arrived = new Promise<void>((resolve) => {
      const seen = (envelope: { data: { threadId: string } }) => {
        if (envelope.data.threadId !== thread.id) return;
        socket.off(MESSAGE_EVENT, seen);
        resolve();
      };
      socket.on(MESSAGE_EVENT, seen);
    });
    const { status } = await rest.post(`/api/threads/${thread.id}/messages`, { body: 'Round trip' });
    if (status !== 201) throw new Error(`Posting a message answered ${status}`);
    await arrived;
    return now() - started;
  };
  for (let round = 0; round < WARM_UP_ROUNDS; round++) await one();
  return {
    one,
    many: async (count) => {
      const times: number[] = [];
      for (let round = 0; round < count; round++) times.push(await one());
      return distribution(times);
    },
    close: () => socket.close(),
  };
}

/** What a load made of repeated requests got: each answer's status (0: none), each request's time, how long it ran. */
export interface RequestLoad {
  statuses: Map<number, number>;
  durations: number[];
  seconds: number;
}

/**
 * Round trips first idle, then while `lanes` loops each send `request` again as soon as it is
 * answered (it returns the status), until as many round trips are done. Records the idle and
 * loaded round trips; the idle one is the baseline, and `p95Target` the loaded p95's, if any.
 */
export async function roundTripsUnderLoad(
  run: ScenarioRun,
  target: Target,
  lanes: number,
  request: (lane: number) => Promise<number>,
  p95Target?: string,
): Promise<RequestLoad> {
  const roundTrips = await messageRoundTrips(target.url);
  const idle = await roundTrips.many(run.options.rounds);
  const load: RequestLoad = { statuses: new Map(), durations: [], seconds: 0 };
  let loading = true;
  const lane = async (index: number) => {
    while (loading) {
      const started = now();
      // A request that got no answer at all counts as status 0: reported, and the load goes on.
      const status = await request(index).catch(() => 0);
      load.durations.push(now() - started);
      load.statuses.set(status, (load.statuses.get(status) ?? 0) + 1);
    }
  };
  const started = now();
  const running = Array.from({ length: lanes }, (_, index) => lane(index));
  const loaded = await roundTrips.many(run.options.rounds);
  loading = false;
  await Promise.all(running);
  load.seconds = (now() - started) / 1000;
  roundTrips.close();

  run.result.baseline = 'idle';
  run.figure('idle', 'round trip p50', 'ms', 'lower', idle.p50);
  run.figure('idle', 'round trip p95', 'ms', 'lower', idle.p95);
  run.figure(target.name, 'round trip p50', 'ms', 'lower', loaded.p50);
  run.figure(target.name, 'round trip p95', 'ms', 'lower', loaded.p95, p95Target);
  return load;
}

/** The answers other than those expected, as errors of the run. */
export const unexpectedAnswers = (load: RequestLoad, expected: number[], what: string): string[] =>
  [...load.statuses]
    .filter(([status]) => !expected.includes(status))
    .map(([status, count]) => `${count} ${what}(s) answered ${status}`);
