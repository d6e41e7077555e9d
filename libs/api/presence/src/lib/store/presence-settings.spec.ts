import Redis from 'ioredis';
import { AppConfig } from '@derm/api/config';
import { ClusterNode } from '@derm/api/redis';
import { RedisServer, startRedisServer } from '@derm/shared/test-client';
import { PresenceNode } from './presence-node';
import { PresenceSettingsCheck } from './presence-settings';

describe('PresenceSettingsCheck', () => {
  let server: RedisServer;
  let redis: Redis;
  let run = 0;
  let cluster: ClusterNode;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });
  beforeEach(() => {
    cluster = new ClusterNode({ redisKeyPrefix: `test-${++run}:` } as AppConfig);
  });

  const node = (ttlMs: number, renewEveryMs: number) =>
    new PresenceNode({
      presenceEntryTtlMs: ttlMs,
      presenceRenewEveryMs: renewEveryMs,
    } as AppConfig);
  const check = (presenceNode: PresenceNode) => new PresenceSettingsCheck(redis, cluster, presenceNode).onModuleInit();

  it('lets nodes with the same values start, and publishes them for one TTL', async () => {
    await check(node(30_000, 10_000));
    await check(node(30_000, 10_000));
    const key = cluster.key('{presence}', 'settings');
    expect(await redis.get(key)).toBe('PRESENCE_ENTRY_TTL_MS=30000 PRESENCE_RENEW_EVERY_MS=10000');
    expect(await redis.pttl(key)).toBeGreaterThan(29_000);
  });

  it('refuses a node whose values differ, naming both', async () => {
    await check(node(30_000, 10_000));
    await expect(check(node(30_000, 5000))).rejects.toThrow(
      'this node has PRESENCE_ENTRY_TTL_MS=30000 PRESENCE_RENEW_EVERY_MS=5000, they have PRESENCE_ENTRY_TTL_MS=30000 PRESENCE_RENEW_EVERY_MS=10000',
    );
  });

  it('checks nothing without Redis (one node, in memory)', async () => {
    await expect(new PresenceSettingsCheck(null, cluster, node(3000, 1000)).onModuleInit()).resolves.toBeUndefined();
  });
});
