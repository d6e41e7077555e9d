import Redis from 'ioredis';
import { OnlineStaff } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { Cluster, readiness, startCluster, startTimeout } from './support/cluster';
import { about } from './support/presence-signals';

const TTL_MS = 4000;
const RENEW_EVERY_MS = 1000;
/** docs/deployment.md: a killed node's users are offline within TTL + one renewal. */
const BOUND_MS = TTL_MS + RENEW_EVERY_MS;
/** What the bound leaves out: the signal's way through Redis to the client. */
const DELIVERY_MS = 1000;
/** Longer than the bound: were the outage taken for dead nodes, every user would lapse. */
const OUTAGE_MS = BOUND_MS + RENEW_EVERY_MS;
/** The longest wait between two of ioredis's reconnection attempts. */
const RECONNECT_MS = 2000;

describe.each([
  { persistence: 'without persistence', appendOnly: false },
  { persistence: 'with an append-only file', appendOnly: true },
])('several nodes: Redis restarts $persistence while they run', ({ appendOnly }) => {
  let cluster: Cluster;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let observer: RealtimeTestClient;

  beforeAll(async () => {
    cluster = await startCluster(
      2,
      {
        PRESENCE_GRACE_MS: '1000',
        PRESENCE_ENTRY_TTL_MS: String(TTL_MS),
        PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
      },
      { redis: { appendOnly } },
    );
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
    ]);
    observer = await frontDeskOnA.connect();
    await nurseOnB.connect();
    await observer.waitFor('presence:online', about(nurseOnB.userId));
  }, startTimeout(2));
  afterAll(async () => {
    [frontDeskOnA, nurseOnB].forEach((session) => session?.close());
    await cluster?.dispose();
  });

  it('takes nobody offline for the outage, and still finds a node killed after it', async () => {
    const marker = `${cluster.keyPrefix}outage-marker`;
    const before = new Redis(cluster.redis.url);
    await before.set(marker, 'kept');
    before.disconnect();
    await cluster.redis.stop('SIGKILL');
    await Promise.all(cluster.nodes.map((node) => readiness(node, 503)));
    // The outage itself, not a wait for something to happen.
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await cluster.redis.start();
    const backAt = Date.now();
    await Promise.all(cluster.nodes.map((node) => readiness(node, 200)));

    const redis = new Redis(cluster.redis.url);
    try {
      expect(await redis.get(marker)).toBe(appendOnly ? 'kept' : null);
      const renewals = `${cluster.keyPrefix}{presence}:nodes`;
      await eventually(
        'both nodes renew after Redis is back',
        async () => (await redis.zcount(renewals, backAt, '+inf')) === 2,
        RECONNECT_MS + RENEW_EVERY_MS + DELIVERY_MS,
      );
    } finally {
      redis.disconnect();
    }
    const online = await frontDeskOnA.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(online.body.map((user) => user.userId).sort()).toEqual([frontDeskOnA.userId, nurseOnB.userId].sort());
    expect(observer.received('presence:offline')).toEqual([]);

    // A node killed now lapses after the sweeps have run past the bound of Redis's return, within
    // which a sweep that took the outage for dead nodes would have dropped both: its user must be
    // the only one to go offline.
    const killedAt = Date.now();
    await cluster.nodes[1].stop('SIGKILL');
    const offline = await observer.waitFor('presence:offline', about(nurseOnB.userId), BOUND_MS + DELIVERY_MS);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(BOUND_MS + DELIVERY_MS);
    expect(Date.parse(offline.lastSeenAt)).toBeLessThanOrEqual(killedAt);
    expect(observer.received('presence:offline')).toEqual([offline]);
  }, 60_000);
});
