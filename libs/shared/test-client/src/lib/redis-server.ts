import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, waitUntilUp } from './child-processes';

export interface RedisServer {
  /** The API's REDIS_URL. */
  readonly url: string;
  readonly port: number;
  /** Stops redis-server (SIGKILL by default: an outage, nothing saved unless `appendOnly`). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port: empty, or with every key when `appendOnly`. */
  start(): Promise<void>;
  /** Stops it and removes its scratch folder. */
  dispose(): Promise<void>;
}

/** Resolves once redis-server answers PING on the port. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface RedisServerOptions {
  /**
   * Keep an append-only file, flushed before each reply, so that a restart, even after SIGKILL,
   * comes back with every key it acknowledged: a deployment's persistent Redis.
   */
  appendOnly?: boolean;
}

/**
 * A redis-server of the test's own on a free port, so a suite can take Redis away and bring it
 * back without touching the machine's shared instance. Without persistence by default: a restart
 * loses everything, the worst case. Needs `redis-server` on the PATH.
 */
export async function startRedisServer({ appendOnly = false }: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'derm-redis-'));
  let child: ChildProcess | undefined;

  const persistence = appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir],
      {
        stdio: 'ignore',
      },
    );
    await waitUntilUp(`redis-server on ${port}`, child, () => answersPing(port), { timeoutMs: 10_000, intervalMs: 50 });
  };

  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    child = undefined;
    await stopChild(running, signal);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
