/** One delivery as a load worker saw it: socket (index in the whole run), event key, wall-clock ms. */
export type Delivery = [socket: number, key: string, at: number];

export type WorkerRequest =
  | {
      type: 'connect';
      url: string;
      tokens: string[];
      firstSocket: number;
      concurrency: number;
      reconnection: boolean;
      track: string[];
    }
  | { type: 'await'; event: string; count: number }
  | { type: 'ready-count' }
  | { type: 'mark' }
  | { type: 'emit'; socket: number; event: string; payload: unknown }
  | { type: 'collect' }
  | { type: 'cpu' }
  | { type: 'close' };

export interface ConnectResult {
  /** Milliseconds from `io()` to `session:ready`, per socket that got there. */
  readyMs: number[];
  errors: string[];
}

export interface ReadyCount {
  /** Sockets with a `session:ready` since the last mark. */
  ready: number;
  /** When the last of them arrived. */
  lastAt: number;
  /** Sockets connected now. */
  connected: number;
  /** Why each socket that stopped trying since the last mark was refused (a refusal's code). */
  gaveUp: string[];
}

export interface CpuReading {
  /** CPU time (user + system) in ms, and wall-clock ms, since the worker started. */
  cpuMs: number;
  at: number;
}

export interface WorkerReply {
  id: number;
  result?: unknown;
  error?: string;
}
