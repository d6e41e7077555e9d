import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, stopChild, waitUntilUp } from './child-processes';
import { createTestDatabase, TestDatabase } from './test-database';

/** The JWT secret test servers run with, so suites can forge tokens of every kind. */
export const TEST_JWT_SECRET = 'integration-test-secret-0123456789';

export interface ApiServerOptions {
  /** Extra environment for the API process (e.g. ALERT_ESCALATION_SECONDS). */
  env?: Record<string, string>;
  port?: number;
  /** Share one database between several nodes; by default each server gets a fresh one. */
  database?: TestDatabase;
  /** The built API entry point. */
  entry?: string;
  /** Print the API's output (also on when DEBUG_API=1). */
  verbose?: boolean;
  /** Append the API's standard output and error to this file instead (e.g. to search its logs). */
  logFile?: string;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly database: TestDatabase;
  /** The running process's id (for benchmarks that read its memory). */
  readonly pid: number | undefined;
  /** Stops the process (SIGTERM by default; SIGKILL simulates a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  /** Stops it and drops a database it created. */
  dispose(): Promise<void>;
}

async function answersReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).ok;
  } catch {
    return false;
  }
}

/** What every API process under test runs with: demo data, the test secret, its port and database. */
export function testApiEnvironment(
  port: number,
  database: TestDatabase,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: database.url,
    DEMO_SEED: 'true',
    JWT_SECRET: TEST_JWT_SECRET,
    ...extra,
  };
}

/** Resolves once the API process answers ready; fails early if it exits, or after 30 s. */
export function untilApiReady(url: string, child: ChildProcess): Promise<void> {
  return waitUntilUp(`The API at ${url}`, child, () => answersReady(url), { timeoutMs: 30_000, intervalMs: 100 });
}

/**
 * Runs the built API (`dist/apps/api/main.js`) as a real process on a free port, with demo data
 * on a fresh database: SQLite by default, PostgreSQL when TEST_DATABASE=postgres.
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const entry = resolve(options.entry ?? 'dist/apps/api/main.js');
  const verbose = options.verbose ?? process.env['DEBUG_API'] === '1';
  let child: ChildProcess | undefined;
  const output = (): { stdio: StdioOptions; close(): void } => {
    if (!options.logFile) return { stdio: verbose ? 'inherit' : 'ignore', close: () => undefined };
    const fd = openSync(options.logFile, 'a');
    return { stdio: ['ignore', fd, fd], close: () => closeSync(fd) };
  };

  const start = async () => {
    const { stdio, close } = output();
    child = spawn(process.execPath, [entry], { env: testApiEnvironment(port, database, options.env), stdio });
    close();
    await untilApiReady(url, child);
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    child = undefined;
    await stopChild(running, signal);
  };

  await start();
  return {
    url,
    port,
    database,
    get pid() {
      return child?.pid;
    },
    start,
    stop,
    dispose: async () => {
      await stop();
      if (ownsDatabase) await database.drop();
    },
  };
}
