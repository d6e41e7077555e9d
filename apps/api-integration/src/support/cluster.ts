import { randomBytes } from 'node:crypto';
import {
  ApiServer,
  createTestDatabase,
  RedisServer,
  RedisServerOptions,
  startApiServer,
  startRedisServer,
  TestDatabase,
} from '@derm/shared/test-client';

export interface Cluster {
  readonly nodes: ApiServer[];
  readonly redis: RedisServer;
  readonly database: TestDatabase;
  /** The deployment's REDIS_KEY_PREFIX. */
  readonly keyPrefix: string;
  dispose(): Promise<void>;
}

export interface ClusterOptions {
  redis?: RedisServerOptions;
  /** Each node's REDIS_URL (a link the suite can cut, say); the suite's redis-server's own by default. */
  redisUrlOf?: (redis: RedisServer, node: number) => Promise<string>;
}

/**
 * Several API processes as one deployment: one PostgreSQL database (several nodes need a shared
 * server database, whatever TEST_DATABASE says), one redis-server of the suite's own, and a key
 * prefix of its own. Nodes start one after the other, so migrations and demo data run once.
 */
export async function startCluster(
  size: number,
  env: Record<string, string> = {},
  options: ClusterOptions = {},
): Promise<Cluster> {
  const database = await createTestDatabase('postgres');
  const redis = await startRedisServer(options.redis);
  const nodeEnv = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `it-${randomBytes(4).toString('hex')}:`, ...env };
  const nodes: ApiServer[] = [];
  for (let i = 0; i < size; i++) {
    const redisUrl = options.redisUrlOf ? { REDIS_URL: await options.redisUrlOf(redis, i) } : {};
    nodes.push(await startApiServer({ database, env: { ...nodeEnv, ...redisUrl } }));
  }
  return {
    nodes,
    redis,
    database,
    keyPrefix: nodeEnv.REDIS_KEY_PREFIX,
    dispose: async () => {
      await Promise.all(nodes.map((node) => node.stop()));
      await redis.dispose();
      await database.drop();
    },
  };
}

/** A hook's timeout for starting `nodes` nodes: startApiServer gives each up to 30 s to be ready. */
export const startTimeout = (nodes: number) => nodes * 30_000 + 10_000;

/** Polls `GET /health/ready` until it answers with the status wanted. */
export async function readiness(node: ApiServer, status: number, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${node.url}/health/ready`).catch(() => undefined);
    if (response?.status === status) return (await response.json()) as Record<string, unknown>;
    if (Date.now() > deadline)
      throw new Error(`${node.url}/health/ready did not answer ${status} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
