import Redis from 'ioredis';
import { OnlineStaff, PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, StaffSession, TcpBalancer } from '@derm/shared/test-client';
import { about, viewerIds } from './support/presence-signals';
import { Cluster, startTimeout } from './support/cluster';
import {
  BACK_BOUND_MS,
  DELIVERY_MS,
  RENEW_EVERY_MS,
  startClusterWithCutOffNode,
  SWEPT_BOUND_MS,
  TTL_MS,
} from './support/cut-off-node';

describe('several nodes: a node cut off from Redis long enough to be swept by the others', () => {
  let cluster: Cluster;
  /** Node B's only way to Redis, which the test cuts; node A keeps its own. */
  let linkOfB: TcpBalancer;
  let redis: Redis;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let watcher: RealtimeTestClient;
  let otherWatchers: RealtimeTestClient[];
  let patient: PatientSummary;

  beforeAll(async () => {
    ({ cluster, linkOfB } = await startClusterWithCutOffNode());
    redis = new Redis(cluster.redis.url);
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB, admin, otherClinic] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
      StaffSession.signIn(a.url, 'admin@riverside.test'),
      StaffSession.signIn(a.url, 'frontdesk@lakeside.test'),
    ]);
    watcher = await frontDeskOnA.connect();
    otherWatchers = [await otherClinic.connect(), await RealtimeTestClient.connect(b.url, otherClinic.token)];
    patient = (await frontDeskOnA.rest.get<PatientSummary[]>('/api/patients')).body[0];
    expect(await watcher.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    // Taken here, so that the wait for the front desk alone after the cut needs a signal of the sweep.
    await watcher.waitFor('patient:viewers', (signal) => viewerIds(signal) === frontDeskOnA.userId);
  }, startTimeout(2));
  afterAll(async () => {
    [frontDeskOnA, nurseOnB, admin, otherClinic].forEach((session) => session?.close());
    otherWatchers?.forEach((socket) => socket.close());
    redis?.disconnect();
    await cluster?.dispose();
    await linkOfB?.close();
  });

  const nurseViews = async () =>
    (
      await admin.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${patient.id}&userId=${nurseOnB.userId}`,
      )
    ).body;

  const keys = () => `${cluster.keyPrefix}{presence}:`;
  /** The node holding a socket of the user, as the store records it. */
  const nodeOf = async (userId: string) => {
    for (const key of await redis.keys(`${keys()}conn:*`)) {
      const [user, node] = await redis.hmget(key, 'user', 'node');
      if (user === userId && node) return node;
    }
    throw new Error(`No socket of ${userId} is recorded`);
  };
  /** The node's last renewal as the store records it: its sockets lapse a TTL after it. */
  const renewalOf = async (node: string) => Number(await redis.zscore(`${keys()}nodes`, node));
  const toldOfNurse = (socket: RealtimeTestClient, event: 'presence:online' | 'presence:offline') =>
    socket.received(event).filter(about(nurseOnB.userId));

  it('announces its viewer and user again and keeps the chart view audited without a gap once Redis is back', async () => {
    const nurseTab = await nurseOnB.connect();
    await watcher.waitFor('presence:online', about(nurseOnB.userId));
    expect(await nurseTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    const both = [frontDeskOnA.userId, nurseOnB.userId].sort().join();
    await watcher.waitFor('patient:viewers', (signal) => viewerIds(signal) === both);
    const [nodeA, nodeB] = [await nodeOf(frontDeskOnA.userId), await nodeOf(nurseOnB.userId)];

    // Node B and its sockets run on; only its Redis is gone, for longer than the TTL.
    linkOfB.refuse(true);
    linkOfB.cut();
    await Promise.all([
      watcher.waitFor(
        'patient:viewers',
        (signal) => viewerIds(signal) === frontDeskOnA.userId,
        SWEPT_BOUND_MS + DELIVERY_MS,
      ),
      watcher.waitFor('presence:offline', about(nurseOnB.userId), SWEPT_BOUND_MS + DELIVERY_MS),
    ]);
    const [swept] = await nurseViews();
    expect(swept.endedAt).toBeDefined();

    // The nurse still has the chart open, in its patient room: once node B reaches Redis again,
    // the clinic is told she is online and viewing, and her view is audited on from the sweep.
    linkOfB.refuse(false);
    await Promise.all([
      watcher.waitFor('presence:online', about(nurseOnB.userId), BACK_BOUND_MS + DELIVERY_MS),
      watcher.waitFor('patient:viewers', (signal) => viewerIds(signal) === both, BACK_BOUND_MS + DELIVERY_MS),
    ]);
    // Node B's renewal that put it back was issued during the outage (queued by its Redis client):
    // it still counts as node B's renewal now, so node A's next sweeps leave node B alone.
    expect(await renewalOf(nodeB)).toBeGreaterThan(Date.now() - TTL_MS + RENEW_EVERY_MS);
    const backAt = await renewalOf(nodeA);
    await eventually('node A beats', async () => (await renewalOf(nodeA)) > backAt, 2 * RENEW_EVERY_MS);
    const nextAt = await renewalOf(nodeA);
    await eventually('node A beats again', async () => (await renewalOf(nodeA)) > nextAt, 2 * RENEW_EVERY_MS);
    // The answer of a round trip comes after what node A sent before it.
    await watcher.command('presence:list', {});
    expect(toldOfNurse(watcher, 'presence:offline')).toHaveLength(1);
    expect(toldOfNurse(watcher, 'presence:online')).toHaveLength(2);
    const online = (await frontDeskOnA.rest.get<OnlineStaff[]>('/api/presence/online')).body;
    expect(online.map((user) => user.userId)).toContain(nurseOnB.userId);
    const listed = (await frontDeskOnA.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`)).body;
    expect(viewerIds(listed)).toBe(both);
    // The row goes on from the sweep's end, written by node B as it restores the view.
    await eventually(
      'the view is audited on from the sweep',
      async () => (await nurseViews()).length === 2,
      DELIVERY_MS,
    );
    const [resumed, ...earlier] = await nurseViews();
    expect(earlier).toEqual([swept]);
    expect(resumed).toMatchObject({ startedAt: swept.endedAt, client: swept.client, session: swept.session });
    expect(resumed.endedAt).toBeUndefined();

    // What reaches her patient room now is covered by the open row, and her stop ends it.
    expect(await watcher.command('patient:view-stop', { patientId: patient.id })).toMatchObject({ ok: true });
    await nurseTab.waitFor('patient:viewers', (signal) => viewerIds(signal) === nurseOnB.userId);
    expect(await nurseTab.command('patient:view-stop', { patientId: patient.id })).toMatchObject({
      ok: true,
      viewers: [],
    });
    expect((await nurseViews()).every((view) => view.endedAt !== undefined)).toBe(true);

    // Nothing of it reached the other clinic, on either node.
    for (const socket of otherWatchers) {
      expect(socket.received('patient:viewers')).toEqual([]);
      expect(toldOfNurse(socket, 'presence:online')).toEqual([]);
      expect(toldOfNurse(socket, 'presence:offline')).toEqual([]);
    }
  }, 60_000);
});
