import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { ConnectResult, CpuReading, Delivery, ReadyCount, WorkerReply, WorkerRequest } from './worker-protocol';

export interface ConnectOptions {
  url: string;
  /** One token per socket. */
  tokens: string[];
  /** Handshakes in flight per worker. */
  concurrency: number;
  reconnection: boolean;
  /** Events whose deliveries are recorded. */
  track: string[];
}

/** Per worker: the share of one core it used between two readings (1 = one full core). */
export type WorkerCpu = number[];

/**
 * The load generator: sockets spread over child processes (tools/bench/worker.ts), each driven
 * by request/reply over IPC. Socket indexes are global: worker k holds a contiguous slice.
 */
export class LoadWorkers {
  private readonly children: ChildProcess[];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private slices: { first: number; count: number }[] = [];

  /**
   * With `cpuProfileDir`, each worker writes a CPU profile of its whole life there when it exits:
   * what the clients pay for a target's packets, which shares the cores with the server.
   */
  constructor(
    count: number,
    private readonly cpuProfileDir?: string,
  ) {
    const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    this.children = Array.from({ length: count }, () => {
      const child = fork(join(__dirname, '..', 'worker.ts'), {
        execArgv: [...process.execArgv, ...profiling],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', ({ id, result, error }: WorkerReply) => {
        const waiter = this.pending.get(id);
        this.pending.delete(id);
        if (error) waiter?.reject(new Error(error));
        else waiter?.resolve(result);
      });
      return child;
    });
  }

  get size(): number {
    return this.children.length;
  }

  private call<T>(child: ChildProcess, request: WorkerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request });
    });
  }

  private all<T>(request: WorkerRequest): Promise<T[]> {
    return Promise.all(this.children.map((child) => this.call<T>(child, request)));
  }

  async connect({ url, tokens, concurrency, reconnection, track }: ConnectOptions): Promise<ConnectResult> {
    const per = Math.ceil(tokens.length / this.children.length);
    this.slices = this.children.map((_, k) => ({
      first: k * per,
      count: Math.max(0, Math.min(per, tokens.length - k * per)),
    }));
    const results = await Promise.all(
      this.children.map((child, k) => {
        const { first, count } = this.slices[k];
        const request: WorkerRequest = {
          type: 'connect',
          url,
          tokens: tokens.slice(first, first + count),
          firstSocket: first,
          concurrency,
          reconnection,
          track,
        };
        return this.call<ConnectResult>(child, request);
      }),
    );
    return { readyMs: results.flatMap((r) => r.readyMs), errors: results.flatMap((r) => r.errors) };
  }

  /** Resolves once every socket has had `event` at least `count` times; throws after `deadlineMs`. */
  async awaitAll(event: string, count: number, deadlineMs = 120_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Not every socket had ${event} ${count} time(s) within ${deadlineMs} ms`)),
        deadlineMs,
      );
    });
    try {
      await Promise.race([this.all({ type: 'await', event, count }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async mark(): Promise<void> {
    await this.all({ type: 'mark' });
  }

  async readyCount(): Promise<ReadyCount> {
    const counts = await this.all<ReadyCount>({ type: 'ready-count' });
    return {
      ready: counts.reduce((sum, c) => sum + c.ready, 0),
      lastAt: Math.max(...counts.map((c) => c.lastAt)),
      connected: counts.reduce((sum, c) => sum + c.connected, 0),
      gaveUp: counts.flatMap((c) => c.gaveUp),
    };
  }

  async emit(socket: number, event: string, payload: unknown): Promise<void> {
    const k = this.slices.findIndex(({ first, count }) => socket >= first && socket < first + count);
    await this.call(this.children[k], { type: 'emit', socket, event, payload });
  }

  async collect(): Promise<Delivery[]> {
    return (await this.all<Delivery[]>({ type: 'collect' })).flat();
  }

  async cpu(): Promise<CpuReading[]> {
    return this.all<CpuReading>({ type: 'cpu' });
  }

  async close(): Promise<void> {
    await this.all({ type: 'close' });
  }

  /** A profiling worker is let go rather than killed, so that it exits on its own and writes its profile. */
  dispose(): void {
    this.children.forEach((child) => (this.cpuProfileDir ? child.disconnect() : child.kill()));
  }
}

/** Each worker's share of one core between two readings. */
export function cpuShare(before: CpuReading[], after: CpuReading[]): WorkerCpu {
  return after.map((reading, k) => (reading.cpuMs - before[k].cpuMs) / (reading.at - before[k].at));
}
