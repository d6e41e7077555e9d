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
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@lakeside.test'].map((email) => StaffSession.signIn(b, email)),
    );
    adminSocket = await adminOnA.connect();
    lakesideSocket = await lakesideAdminOnB.connect();
  }, startTimeout(2));
  afterAll(async () => {
    [adminOnA, nurseOnB, providerOnB, lakesideAdminOnB].forEach((session) => session?.close());
    await cluster?.dispose();
  });

  it('counts events published on node B in the figures node A gives and pushes', async () => {
    const thread = (await nurseOnB.rest.post<ThreadSummary>('/api/threads', { participantIds: [providerOnB.userId] })).body;
    expect((await nurseOnB.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'On B' })).status).toBe(201);

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
            const response = await fetch(`${node.url}/api/operations`, { headers: { authorization: `Bearer ${adminOnA.token}` } });
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
});
