import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import {
  createTestDatabase,
  freePort,
  testApiEnvironment,
  TestDatabase,
  untilApiReady,
} from '@derm/shared/test-client';

/**
 * The built API as a real process whose output a test reads as it goes, whose exit code it awaits,
 * and into which it injects code before the API loads (crash handling); startApiServer's `logFile`
 * serves suites that only search the log afterwards.
 */
export interface LoggedApi {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Settles with the exit code once the process has exited and its output is complete. */
  readonly exited: Promise<number | null>;
  dispose(): Promise<void>;
}

/** Starts the API on a fresh database; `preamble` is code the process runs before the API loads. */
export async function startLoggedApi(preamble = ''): Promise<LoggedApi> {
  const port = await freePort();
  const database: TestDatabase = await createTestDatabase();
  const url = `http://127.0.0.1:${port}`;
  const entry = resolve('dist/apps/api/main.js');
  const child = spawn(process.execPath, ['-e', `${preamble}\nrequire(${JSON.stringify(entry)});`], {
    env: testApiEnvironment(port, database),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'close').then(([code]) => code as number | null);
  await untilApiReady(url, child).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    await database.drop();
    throw error;
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await database.drop();
    },
  };
}
