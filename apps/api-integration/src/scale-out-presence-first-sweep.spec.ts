import Redis from 'ioredis';
import { OnlineStaff } from '@derm/shared/contracts';
import {
  ApiServer,
  createTestDatabase,
  eventually,
  RedisServer,
  StaffSession,
  startApiServer,
  startRedisServer,
  TestDatabase,
} from '@derm/shared/test-client';
import { startTimeout } from './support/cluster';
import { about } from './support/presence-signals';

/** The defaults, as an operator runs them: PRESENCE_ENTRY_TTL_MS and PRESENCE_RENEW_EVERY_MS unset. */
const TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/** docs/deployment.md: a killed node's users are offline within TTL + one renewal. */
const BOUND_MS = TTL_MS + RENEW_EVERY_MS;
/** What the bound leaves out: the signal's way through Redis to the client. */
const DELIVERY_MS = 1000;
/** REDIS_KEY_PREFIX unset too: the deployment's own key space, `derm:`. */
const PRESENCE_KEYS = 'derm:{presence}:';

describe.each([
  { redisHolds: 'nothing yet', earlierCluster: false },
  { redisHolds: 'an earlier cluster’s state, last swept ten minutes ago', earlierCluster: true },
])('several nodes on a Redis holding $redisHolds: a node killed before any sweep ran', ({ earlierCluster }) => {
  let database: TestDatabase;
  let redis: RedisServer;
  const nodes: ApiServer[] = [];
  const sessions: StaffSession[] = [];
  let earlierUser: StaffSession | undefined;
  /** When each of the new cluster's nodes renewed at its start; each sweeps a period later. */
  let startedAt: number[];

  const signIn = async (node: ApiServer, email: string) => {
    const session = await StaffSession.signIn(node.url, email);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    redis = await startRedisServer();
    if (earlierCluster) {
      // The earlier cluster: one node with a user online, gone without a trace, as in a crash.
      const earlier = await startApiServer({ database, env: { REDIS_URL: redis.url } });
      nodes.push(earlier);
      const user = await signIn(earlier, 'provider@riverside.test');
      earlierUser = user;
      await user.connect();
      const listed = async () =>
        (await user.rest.get<OnlineStaff[]>('/api/presence/online')).body.some(
          (online) => online.userId === user.userId,
        );
      await eventually('the earlier cluster records its user online', listed, RENEW_EVERY_MS);
      await earlier.stop('SIGKILL');
      const client = new Redis(redis.url);
      await client.set(`${PRESENCE_KEYS}swept-at`, Date.now() - 600_000);
      client.disconnect();
    } else {
      // Migrations and demo data come from a node of no cluster, so the two below start together.
      const seeding = await startApiServer({ database });
      await seeding.stop();
    }
    const startingAt = Date.now();
    nodes.push(...(await Promise.all([1, 2].map(() => startApiServer({ database, env: { REDIS_URL: redis.url } })))));
    const client = new Redis(redis.url);
    try {
      const renewals = () => client.zrangebyscore(`${PRESENCE_KEYS}nodes`, startingAt, '+inf', 'WITHSCORES');
      await eventually('both nodes renew at start', async () => (await renewals()).length === 4, RENEW_EVERY_MS);
      startedAt = (await renewals()).filter((_, i) => i % 2 === 1).map(Number);
    } finally {
      client.disconnect();
    }
  }, startTimeout(3));
  afterAll(async () => {
    sessions.forEach((session) => session.close());
    await Promise.all(nodes.map((node) => node.stop()));
    await redis?.dispose();
    await database?.drop();
  });

  it(
    'announces the killed node’s user offline within TTL + one renewal, and stops listing them',
    async () => {
      const [a, b] = nodes.slice(-2);
      const frontDeskOnA = await signIn(a, 'frontdesk@riverside.test');
      const observer = await frontDeskOnA.connect();
      const before = await frontDeskOnA.rest.get<OnlineStaff[]>('/api/presence/online');
      // The earlier cluster's user is still listed: the state the new cluster has to clear.
      expect(before.body.map((user) => user.userId).sort()).toEqual(
        [frontDeskOnA.userId, ...(earlierUser ? [earlierUser.userId] : [])].sort(),
      );
      const adminOnB = await signIn(b, 'admin@riverside.test');
      await adminOnB.connect();
      await observer.waitFor('presence:online', about(adminOnB.userId));
      const killedAt = Date.now();
      await b.stop('SIGKILL');
      // The scenario of the report: no node had swept yet when the node died.
      expect(killedAt - Math.min(...startedAt)).toBeLessThan(RENEW_EVERY_MS);

      const offline = await observer.waitFor('presence:offline', about(adminOnB.userId), BOUND_MS + DELIVERY_MS);
      expect(Date.now() - killedAt).toBeLessThanOrEqual(BOUND_MS + DELIVERY_MS);
      expect(Date.parse(offline.lastSeenAt)).toBeLessThanOrEqual(killedAt);
      const online = await frontDeskOnA.rest.get<OnlineStaff[]>('/api/presence/online');
      expect(online.body.map((user) => user.userId)).toEqual([frontDeskOnA.userId]);

      if (earlierUser) {
        // The earlier cluster's user is cleared within the same bound, counted from the start
        // of node A, the one left to sweep (the later start of the two, at the latest).
        const remaining = Math.max(...startedAt) + BOUND_MS + DELIVERY_MS - Date.now();
        await observer.waitFor('presence:offline', about(earlierUser.userId), Math.max(remaining, 0));
      }
    },
    BOUND_MS + 3 * DELIVERY_MS + 5000,
  );
});
