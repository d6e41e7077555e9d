import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { sign } from 'jsonwebtoken';
import { LoginResponse } from '@derm/shared/contracts';
import {
  ApiServer,
  createTestDatabase,
  freePort,
  RestClient,
  startApiServer,
  startRedisServer,
  TEST_JWT_SECRET,
} from '@derm/shared/test-client';
import { BENCH_PASSWORD, BenchClinic, seedBenchClinic } from './bench-clinic';
import { ProbeReading, ServerProbe } from './probe-client';

/** The per-user connection cap the benchmark respects, as production will enforce it. */
export const SOCKETS_PER_USER = 10;
export const FANOUT_EVENT = 'appointment:created';
export const MESSAGE_EVENT = 'message:new';

export interface TargetOptions {
  /** Sockets the run will open: the target gets one account per SOCKETS_PER_USER of them. */
  sockets: number;
  database: 'sqlite' | 'postgres';
  /** The API as a scale-out node, with a redis-server of its own (the bare server ignores it). */
  redis?: boolean;
  /** Profile the server's CPU (written by `probe` when asked). */
  cpuProfile?: boolean;
  /** Another build of the API to run instead of dist/apps/api/main.js (before/after comparisons). */
  entry?: string;
  /** The one production per-person budget the scenario floods; the others stay out of the way. */
  budget?: 'reads' | 'commands';
}

/** A server under test, as the scenarios drive it. */
export interface Target {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
  /** User ids of the bench clinic; socket i belongs to user i % users.length. */
  readonly users: string[];
  /** One token per socket, at most SOCKETS_PER_USER sockets per user. */
  tokens(sockets: number): Promise<string[]>;
  /** One tenant-wide event ({@link FANOUT_EVENT}) to every socket of the clinic. */
  fanout(): Promise<void>;
  /** Threads of the given users (indexes into `users`); their ids. */
  createThreads(participants: number[][]): Promise<string[]>;
  /** A message from a user into a thread: {@link MESSAGE_EVENT} to each participant's sockets. Its id. */
  postMessage(sender: number, threadId: string): Promise<string>;
  probe(files?: { heapSnapshot?: string; cpuProfile?: string }): Promise<ProbeReading>;
  /** Stops the server as a deploy does (SIGTERM) and starts it again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const staffCountFor = (sockets: number) => Math.max(10, Math.ceil(sockets / SOCKETS_PER_USER));
const spread = <T>(perUser: T[], sockets: number) =>
  Array.from({ length: sockets }, (_, i) => perUser[i % perUser.length]);

export async function startBare(options: TargetOptions): Promise<Target> {
  const port = await freePort();
  const probe = new ServerProbe();
  const tenantId = randomUUID();
  const users = Array.from({ length: staffCountFor(options.sockets) }, () => randomUUID());
  const threads = new Map<string, number[]>();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const emit = async (rooms: string[], event: string, payload: unknown) => {
    const response = await fetch(`${url}/emit`, { method: 'POST', body: JSON.stringify({ rooms, event, payload }) });
    if (response.status !== 201) throw new Error(`bare /emit answered ${response.status}`);
  };
  const start = async () => {
    child = fork(join(__dirname, 'bare-socketio-server.js'), {
      execArgv: ['--require', probe.preload],
      env: {
        ...process.env,
        PORT: String(port),
        JWT_SECRET: TEST_JWT_SECRET,
        BENCH_PROBE_DIR: probe.dir,
        BENCH_CPU_PROFILE: options.cpuProfile ? '1' : '0',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await once(child, 'message');
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    name: 'bare Socket.IO',
    url,
    users,
    get pid() {
      return child?.pid;
    },
    tokens: async (sockets) =>
      spread(
        users.map((sub) => sign({ sub, tid: tenantId }, TEST_JWT_SECRET, { expiresIn: '8h' })),
        sockets,
      ),
    fanout: () =>
      emit([`tenant:${tenantId}`], FANOUT_EVENT, {
        id: randomUUID(),
        type: FANOUT_EVENT,
        tenantId,
        occurredAt: new Date().toISOString(),
        data: {},
      }),
    createThreads: async (participants) =>
      participants.map((members) => {
        const id = randomUUID();
        threads.set(id, members);
        return id;
      }),
    postMessage: async (sender, threadId) => {
      const rooms = (threads.get(threadId) ?? []).map((user) => `tenant:${tenantId}:user:${users[user]}`);
      const message = {
        id: randomUUID(),
        senderId: users[sender],
        senderName: 'Bench Staff',
        body: 'Bench message',
        sentAt: new Date().toISOString(),
      };
      await emit(rooms, MESSAGE_EVENT, {
        id: randomUUID(),
        type: MESSAGE_EVENT,
        tenantId,
        data: { threadId, message },
      });
      return message.id;
    },
    probe: (files) => probe.read(child?.pid, files),
    stop,
    start,
    dispose: stop,
  };
}

/** Signs in over REST as a person would, waiting out a 429 as its `Retry-After` asks. */
export async function signIn(url: string, email: string, password: string): Promise<LoginResponse> {
  for (;;) {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status === 200) return (await response.json()) as LoginResponse;
    if (response.status !== 429)
      throw new Error(`Sign-in as ${email} answered ${response.status}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
}

async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width)
    results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

export async function startApi(options: TargetOptions): Promise<Target> {
  const probe = new ServerProbe();
  const database = await createTestDatabase(options.database);
  const redis = options.redis ? await startRedisServer() : undefined;
  const api: ApiServer = await startApiServer({
    database,
    entry: options.entry,
    env: {
      NODE_ENV: 'production',
      ...(redis ? { REDIS_URL: redis.url } : {}),
      // The scenarios' writers make far more changes than one person may; the budgets are not under test.
      REST_WRITE_POINTS: '1000000',
      // Every socket comes from this machine's one address, thousands connecting at once.
      WS_PENDING_CONNECTIONS_PER_ADDRESS: '1000000',
      ...(options.budget === 'commands' ? {} : { WS_RATE_LIMIT_POINTS: '1000000' }),
      ...(options.budget === 'reads' ? {} : { REST_READ_POINTS: '1000000' }),
      NODE_OPTIONS: `--require ${probe.preload}`,
      BENCH_PROBE_DIR: probe.dir,
      BENCH_CPU_PROFILE: options.cpuProfile ? '1' : '0',
    },
  });
  const clinic: BenchClinic = await seedBenchClinic(api.database, staffCountFor(options.sockets));
  const sessions = new Map<number, string>();
  const tokenOf = async (user: number) => {
    let token = sessions.get(user);
    if (!token) {
      token = (await signIn(api.url, clinic.staff[user].email, BENCH_PASSWORD)).accessToken;
      sessions.set(user, token);
    }
    return token;
  };
  const rest = async (user: number) => new RestClient(api.url, await tokenOf(user));
  const providers = clinic.staff.filter((s) => s.role === 'provider');
  const schedulers = clinic.staff.flatMap((s, i) => (s.role === 'front-desk' || s.role === 'admin' ? [i] : []));
  let slot = 0;
  const check = (what: string, status: number, body: unknown) => {
    if (status !== 201) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  };
  return {
    name: options.entry ? `derm-realtime (${basename(dirname(options.entry))})` : 'derm-realtime',
    url: api.url,
    users: clinic.staff.map((s) => s.id),
    get pid() {
      return api.pid;
    },
    tokens: async (sockets) => {
      const users = Array.from({ length: Math.min(sockets, clinic.staff.length) }, (_, i) => i);
      return spread(await inBatches(users, 4, tokenOf), sockets);
    },
    fanout: async () => {
      // Rotating providers, patients and 15-minute slots: a slot takes no more bookings than there
      // are providers or patients, so no round overlaps another's provider or patient.
      const n = slot++;
      const perSlot = Math.min(providers.length, clinic.patientIds.length);
      const startsAt = new Date(Date.UTC(2030, 0, 1) + Math.floor(n / perSlot) * 15 * 60_000);
      const client = await rest(schedulers[n % schedulers.length]);
      const { status, body } = await client.post('/api/appointments', {
        patientId: clinic.patientIds[n % clinic.patientIds.length],
        providerId: providers[n % providers.length].id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
      });
      check('Creating an appointment', status, body);
    },
    createThreads: (participants) =>
      inBatches(participants, 4, async ([owner, ...others]) => {
        const client = await rest(owner);
        const { status, body } = await client.post<{ id: string }>('/api/threads', {
          participantIds: others.map((u) => clinic.staff[u].id),
          subject: 'Bench thread',
        });
        check('Creating a thread', status, body);
        return body.id;
      }),
    postMessage: async (sender, threadId) => {
      const { status, body } = await (
        await rest(sender)
      ).post<{ id: string }>(`/api/threads/${threadId}/messages`, { body: 'Bench message' });
      check('Posting a message', status, body);
      return body.id;
    },
    probe: (files) => probe.read(api.pid, files),
    stop: () => api.stop('SIGTERM'),
    start: () => api.start(),
    // The server was given its database and Redis, so removing them is the benchmark's to do.
    dispose: async () => {
      await api.dispose();
      await database.drop();
      await redis?.dispose();
    },
  };
}
