import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ChatMessage, OperationsSnapshot, ThreadSummary } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { Cluster, startCluster, startTimeout } from './support/cluster';

const currentMinuteOf = (snapshot: OperationsSnapshot) => snapshot.eventsPerMinute[snapshot.eventsPerMinute.length - 1];

describe('several nodes: the operations page shows the clinic over the whole cluster', () => {
  let cluster: Cluster;
  let adminOnA: StaffSession;
  let nurseOnB: StaffSession;
  let providerOnB: StaffSession;
  let lakesideAdminOnB: StaffSession;
  let adminSocket: RealtimeTestClient;
  let lakesideSocket: RealtimeTestClient;

  beforeAll(async () => {
    cluster = await startCluster(2);
    const [a, b] = cluster.nodes.map((node) => node.url);
    adminOnA = await StaffSession.signIn(a, 'admin@riverside.test');
    [nurseOnB, providerOnB, lakesideAdminOnB] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(b, email),
      ),
    );
    adminSocket = await adminOnA.connect();
    lakesideSocket = await lakesideAdminOnB.connect();
  }, startTimeout(2));
  afterAll(async () => {
    [adminOnA, nurseOnB, providerOnB, lakesideAdminOnB].forEach((session) => session?.close());
    await cluster?.dispose();
  });

  it('counts events published on node B in the figures node A gives and pushes', async () => {
    const thread = (await nurseOnB.rest.post<ThreadSummary>('/api/threads', { participantIds: [providerOnB.userId] }))
      .body;
    expect((await nurseOnB.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'On B' })).status).toBe(
      201,
    );

    const live = await adminSocket.waitFor('operations:activity', (minute) => minute.count >= 1, 5000);
    const onA = (await adminOnA.rest.get<OperationsSnapshot>('/api/operations')).body;
    expect(onA.scope).toBe('cluster');
    expect(onA.eventsPerMinute.find((minute) => minute.minute === live.minute)?.count).toBeGreaterThanOrEqual(1);
    // Both nodes read the same shared count.
    await eventually(
      'both nodes give the same count for the current minute',
      async () => {
        const [fromA, fromB] = await Promise.all(
          cluster.nodes.map(async (node) => {
            const response = await fetch(`${node.url}/api/operations`, {
              headers: { authorization: `Bearer ${adminOnA.token}` },
            });
            return currentMinuteOf((await response.json()) as OperationsSnapshot);
          }),
        );
        return fromA.minute === fromB.minute && fromA.count === fromB.count;
      },
      5000,
    );
    await lakesideSocket.expectNone('operations:activity');
  });

  it('shows on node A a refusal node B made, to the clinic of the refused session only', async () => {
    const tablet = await StaffSession.signIn(cluster.nodes[1].url, 'nurse@riverside.test');
    expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);
    const refused = await RealtimeTestClient.refusedHandshake(cluster.nodes[1].url, { auth: { token: tablet.token } });
    expect(refused.message).toBe('REVOKED');

    const live = await adminSocket.waitFor('operations:refusal', (refusal) => refusal.code === 'REVOKED', 5000);
    expect(live.user).toEqual({ id: nurseOnB.userId, name: 'Nora Quinn' });
    expect((await adminOnA.rest.get<OperationsSnapshot>('/api/operations')).body.refusals).toEqual([live]);
    expect((await lakesideAdminOnB.rest.get<OperationsSnapshot>('/api/operations')).body.refusals).toEqual([]);
    await lakesideSocket.expectNone('operations:refusal');
  });

  it("counts one person's refusals on both nodes into one entry, one that a node of the previous release stored included", async () => {
    // Stored before entries had a count: it counts as one refusal.
    const stored = {
      id: randomUUID(),
      code: 'REVOKED',
      at: new Date(Date.now() - 60_000).toISOString(),
      user: { id: providerOnB.userId, name: 'Dr. Ana Ortiz' },
    };
    const redis = new Redis(cluster.redis.url);
    await redis.rpush(`${cluster.keyPrefix}operations:refusals:${providerOnB.tenantId}`, JSON.stringify(stored));
    redis.disconnect();
    const tablet = await StaffSession.signIn(cluster.nodes[0].url, 'provider@riverside.test');
    expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);

    for (const [node, count] of [
      [cluster.nodes[0], 2],
      [cluster.nodes[1], 3],
    ] as const) {
      expect((await RealtimeTestClient.refusedHandshake(node.url, { auth: { token: tablet.token } })).message).toBe(
        'REVOKED',
      );
      const live = await adminSocket.waitFor(
        'operations:refusal',
        (refusal) => refusal.user.id === providerOnB.userId && refusal.count === count,
        5000,
      );
      expect(live).toMatchObject({ code: 'REVOKED', firstAt: stored.at });
    }
    for (const node of cluster.nodes) {
      const response = await fetch(`${node.url}/api/operations`, {
        headers: { authorization: `Bearer ${adminOnA.token}` },
      });
      const { refusals } = (await response.json()) as OperationsSnapshot;
      const ofProvider = refusals.filter((refusal) => refusal.user.id === providerOnB.userId);
      expect(ofProvider).toEqual([expect.objectContaining({ code: 'REVOKED', count: 3, firstAt: stored.at })]);
      expect(refusals[0]).toBe(ofProvider[0]);
      // The nurse's entry of the test before stays, once.
      expect(refusals.filter((refusal) => refusal.user.id === nurseOnB.userId)).toHaveLength(1);
    }
    expect((await lakesideAdminOnB.rest.get<OperationsSnapshot>('/api/operations')).body.refusals).toEqual([]);
    await lakesideSocket.expectNone('operations:refusal');
  });
});
