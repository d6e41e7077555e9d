/**
 * A load worker: a child process holding a share of the benchmark's sockets, so that the
 * generator is never the bottleneck. Driven over IPC by LoadWorkers (lib/load-workers.ts).
 */
import { io, Socket } from 'socket.io-client';
import type { HandshakeAuth } from '@derm/shared/contracts';
import { now } from './lib/stats';
import { ConnectResult, CpuReading, Delivery, ReadyCount, WorkerReply, WorkerRequest } from './lib/worker-protocol';

const CONNECT_TIMEOUT_MS = 60_000;

let sockets: Socket[] = [];
let firstSocket = 0;
let deliveries: Delivery[] = [];
const counts = new Map<string, number[]>();
const atLeast = new Map<string, number[]>();
const awaiting: { event: string; count: number; resolve: () => void }[] = [];
let readySinceMark = new Set<number>();
let gaveUpSinceMark: string[] = [];
let lastReadyAt = 0;
const started = now();

/** Envelopes carry their id; a message's key is the message id (one envelope per message). */
function keyOf(payload: unknown): string {
  const envelope = payload as { id?: string; data?: { message?: { id?: string } } } | undefined;
  return envelope?.data?.message?.id ?? envelope?.id ?? '';
}

function delivered(index: number, event: string, payload: unknown): void {
  deliveries.push([firstSocket + index, keyOf(payload), now()]);
  const perSocket = counts.get(event) ?? new Array<number>(sockets.length).fill(0);
  counts.set(event, perSocket);
  const reached = atLeast.get(event) ?? [];
  atLeast.set(event, reached);
  const count = ++perSocket[index];
  reached[count] = (reached[count] ?? 0) + 1;
  for (const waiter of [...awaiting]) {
    if (waiter.event === event && (reached[waiter.count] ?? 0) === sockets.length) {
      awaiting.splice(awaiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

function connectOne(
  url: string,
  token: string,
  index: number,
  reconnection: boolean,
  track: string[],
): Promise<number> {
  const started = now();
  const socket = io(url, {
    // As the portal does: presence in batches (the bare server ignores it).
    auth: { token, presence: 'batched' } satisfies HandshakeAuth,
    transports: ['websocket'],
    forceNew: true,
    reconnection,
    // As the portal does: back off with jitter so that a restart is not met by a stampede.
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
    timeout: CONNECT_TIMEOUT_MS,
  });
  sockets[index] = socket;
  for (const event of track) socket.on(event, (payload: unknown) => delivered(index, event, payload));
  socket.on('session:ready', () => {
    readySinceMark.add(index);
    lastReadyAt = now();
  });
  return new Promise((resolve, reject) => {
    socket.once('session:ready', () => resolve(now() - started));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const reason = error.data?.code ?? error.message;
      // A refused handshake is not retried by the client: the socket has given up.
      if (!socket.active) gaveUpSinceMark.push(reason);
      if (!reconnection || !socket.active) reject(new Error(reason));
    });
  });
}

async function connect(request: Extract<WorkerRequest, { type: 'connect' }>): Promise<ConnectResult> {
  firstSocket = request.firstSocket;
  sockets = new Array(request.tokens.length);
  const result: ConnectResult = { readyMs: [], errors: [] };
  let next = 0;
  const lane = async () => {
    while (next < request.tokens.length) {
      const index = next++;
      try {
        result.readyMs.push(
          await connectOne(request.url, request.tokens[index], index, request.reconnection, request.track),
        );
      } catch (error) {
        result.errors.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency, request.tokens.length) }, lane));
  return result;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'connect':
      return connect(request);
    case 'await': {
      const reached = atLeast.get(request.event)?.[request.count] ?? 0;
      if (reached === sockets.length) return undefined;
      return new Promise<void>((resolve) => awaiting.push({ event: request.event, count: request.count, resolve }));
    }
    case 'mark':
      readySinceMark = new Set();
      gaveUpSinceMark = [];
      return undefined;
    case 'ready-count':
      return {
        ready: readySinceMark.size,
        lastAt: lastReadyAt,
        connected: sockets.filter((socket) => socket?.connected).length,
        gaveUp: gaveUpSinceMark,
      } satisfies ReadyCount;
    case 'emit':
      sockets[request.socket - firstSocket].emit(request.event, request.payload, () => undefined);
      return undefined;
    case 'collect': {
      const collected = deliveries;
      deliveries = [];
      return collected;
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return { cpuMs: (user + system) / 1000, at: now() - started } satisfies CpuReading;
    }
    case 'close':
      sockets.forEach((socket) => socket?.close());
      sockets = [];
      counts.clear();
      atLeast.clear();
      return undefined;
  }
}

process.on('message', ({ id, request }: { id: number; request: WorkerRequest }) => {
  handle(request).then(
    (result) => process.send?.({ id, result } satisfies WorkerReply),
    (error: Error) => process.send?.({ id, error: error.message } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));
