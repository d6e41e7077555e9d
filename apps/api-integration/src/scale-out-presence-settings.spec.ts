import Redis from 'ioredis';
import { eventually, startApiServer } from '@derm/shared/test-client';
import { Cluster, startCluster, startTimeout } from './support/cluster';
import { refusedStart } from './support/refused-start';

const TTL_MS = 4000;
const RENEW_EVERY_MS = 1000;
const TIMING = {
  PRESENCE_ENTRY_TTL_MS: String(TTL_MS),
  PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
};
const OTHER_TIMING = { PRESENCE_ENTRY_TTL_MS: '6000', PRESENCE_RENEW_EVERY_MS: '2000' };

describe('several nodes: every node has the same presence timing', () => {
  let cluster: Cluster;
  let redis: Redis;

  // The second node, with the same values, starts like the first.
  beforeAll(async () => {
    cluster = await startCluster(2, TIMING);
    redis = new Redis(cluster.redis.url);
  }, startTimeout(2));
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.dispose();
  });

  const deployment = (timing: Record<string, string>) => ({
    REDIS_URL: cluster.redis.url,
    REDIS_KEY_PREFIX: cluster.keyPrefix,
    ...timing,
  });

  it('refuses to start a node whose values differ from the running nodes’, saying which', async () => {
    const { code, output } = await refusedStart(cluster.database, deployment(OTHER_TIMING));
    expect(code).not.toBe(0);
    expect(output).toContain(
      "Presence settings differ from the running nodes': this node has PRESENCE_ENTRY_TTL_MS=6000 PRESENCE_RENEW_EVERY_MS=2000, " +
        'they have PRESENCE_ENTRY_TTL_MS=4000 PRESENCE_RENEW_EVERY_MS=1000.',
    );
  });

  it('accepts new values once every node has been stopped for a TTL', async () => {
    await Promise.all(cluster.nodes.map((node) => node.stop('SIGKILL')));
    // The published values outlive the last renewal by one TTL at most.
    const settingsKey = `${cluster.keyPrefix}{presence}:settings`;
    await eventually(
      'the presence settings expire',
      async () => (await redis.exists(settingsKey)) === 0,
      TTL_MS + 1000,
    );
    const node = await startApiServer({
      database: cluster.database,
      env: deployment(OTHER_TIMING),
    });
    cluster.nodes.push(node);
    expect(await redis.get(settingsKey)).toBe('PRESENCE_ENTRY_TTL_MS=6000 PRESENCE_RENEW_EVERY_MS=2000');
  });
});
