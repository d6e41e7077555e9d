import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  createTestDatabase,
  RedisServer,
  startRedisServer,
  TEST_JWT_SECRET,
  TestDatabase,
} from '@derm/shared/test-client';
import { Browser, BrowserContext, expect, Page, test as base } from '@playwright/test';
import { submitSignIn } from './fixtures';

/** deploy/local-cluster.sh as documented: nodes behind nginx, on a database and Redis of the test's own. */
export interface LocalCluster {
  /** nginx, the one origin the browsers use. */
  readonly url: string;
  /** `host:port` of node n (from 1), as nginx reports it in X-Derm-Upstream. */
  node(n: number): string;
  /** Stops node n gracefully (SIGTERM, as an orchestrator would) and waits until it has exited. */
  stopNode(n: number): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((done) => {
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A run of `count` free ports, for the script's NODE_BASE_PORT + i. */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return first;
  }
}

async function waitUntilReady(url: string, script: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (script.exitCode !== null) throw new Error(`local-cluster.sh exited with code ${script.exitCode}`);
    // nginx does not pass /health: the API's description, answered by a node through it.
    if ((await fetch(`${url}/api/openapi.json`).catch(() => undefined))?.ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The cluster behind ${url} was not ready within 90 s`);
}

export const test = base.extend<{ cluster: LocalCluster }>({
  // eslint-disable-next-line no-empty-pattern
  cluster: async ({}, use) => {
    const database: TestDatabase = await createTestDatabase('postgres');
    const redis: RedisServer = await startRedisServer();
    const [port, nodeBasePort] = [await freePorts(1), await freePorts(2)];
    const runDir = mkdtempSync(join(tmpdir(), 'derm-e2e-cluster-'));
    const debug = process.env['DEBUG_API'] === '1';
    const script = spawn(resolve('deploy/local-cluster.sh'), {
      env: {
        ...process.env,
        NODES: '2',
        RUN_DIR: runDir,
        PORT: String(port),
        NODE_BASE_PORT: String(nodeBasePort),
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString('hex')}:`,
        JWT_SECRET: TEST_JWT_SECRET,
        NODE_ENV: 'test',
      },
      stdio: debug ? 'inherit' : 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitUntilReady(url, script);
      await use({
        url,
        node: (n) => `127.0.0.1:${nodeBasePort + n - 1}`,
        stopNode: async (n) => {
          const pid = Number(readFileSync(join(runDir, `node-${n}.pid`), 'utf8'));
          process.kill(pid, 'SIGTERM');
          while (isRunning(pid)) await new Promise((r) => setTimeout(r, 100));
        },
      });
    } finally {
      if (script.exitCode === null) {
        const exited = once(script, 'exit');
        script.kill('SIGTERM');
        await exited;
      }
      await redis.dispose();
      await database.drop();
      // With DEBUG_API=1 the script printed where the nodes' logs are: keep them.
      if (!debug) rmSync(runDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/**
 * Signs in through nginx in a browser of its own, pinned to node n by the `derm_node` cookie, and
 * checks that node n is the one answering.
 */
export async function signInOnNode(
  browser: Browser,
  cluster: LocalCluster,
  n: number,
  email: string,
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ baseURL: cluster.url });
  await context.addCookies([{ name: 'derm_node', value: String(n), url: cluster.url }]);
  const page = await context.newPage();
  await page.goto('/login');
  const schedule = page.waitForResponse((response) => response.url().includes('/api/appointments?'));
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/schedule$/);
  expect((await schedule).headers()['x-derm-upstream']).toBe(cluster.node(n));
  return { page, context };
}

/** The signed-in user's id, as the portal keeps it for this tab. */
export async function userIdOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => sessionStorage.getItem('derm.session'));
  return (JSON.parse(stored ?? '{}') as { user: { id: string } }).user.id;
}
