import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { freePort, TEST_JWT_SECRET, TestDatabase } from '@derm/shared/test-client';

export interface Exit {
  code: number | null;
  /** Everything the process printed, stdout and stderr. */
  output: string;
}

/**
 * Runs the built API as `startApiServer` would, for a start that must fail: resolves with how
 * the process exited, or rejects if it is still running after `timeoutMs` (then killed).
 */
export async function refusedStart(
  database: TestDatabase,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<Exit> {
  const child = spawn(process.execPath, [resolve('dist/apps/api/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The API was still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
  });
  try {
    const [code] = (await Promise.race([once(child, 'exit'), timedOut])) as [number | null];
    return { code, output };
  } finally {
    clearTimeout(timer);
  }
}
