import Redis from 'ioredis';
import { PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, StaffSession, TcpBalancer } from '@derm/shared/test-client';
import { about, viewerIds } from './support/presence-signals';
import { Cluster, startTimeout } from './support/cluster';
import {
  BACK_BOUND_MS,
  DELIVERY_MS,
  RENEW_EVERY_MS,
  startClusterWithCutOffNode,
  SWEPT_BOUND_MS,
} from './support/cut-off-node';

const lists = (userId: string) => (signal: Pick<PatientViewers, 'viewers'>) =>
  signal.viewers.some((viewer) => viewer.userId === userId);

const covers = (at: Date) => (view: PatientViewAuditEntry) =>
  new Date(view.startedAt) <= at && (view.endedAt === undefined || new Date(view.endedAt) >= at);

describe('several nodes: a chart view asked for while Redis is away from its node, which is swept meanwhile', () => {
  let cluster: Cluster;
  /** Node B's only way to Redis, which the test cuts; node A keeps its own. */
  let linkOfB: TcpBalancer;
  let redis: Redis;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let watcher: RealtimeTestClient;
  let otherWatchers: RealtimeTestClient[];
  let patient: PatientSummary;

  beforeAll(async () => {
    ({ cluster, linkOfB } = await startClusterWithCutOffNode());
    redis = new Redis(cluster.redis.url);
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB, admin, otherAdmin] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
      StaffSession.signIn(a.url, 'admin@riverside.test'),
      StaffSession.signIn(a.url, 'admin@lakeside.test'),
    ]);
    watcher = await frontDeskOnA.connect();
    otherWatchers = [await otherAdmin.connect(), await RealtimeTestClient.connect(b.url, otherAdmin.token)];
    patient = (await frontDeskOnA.rest.get<PatientSummary[]>('/api/patients')).body[0];
    expect(await watcher.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
  }, startTimeout(2));
  afterAll(async () => {
    [frontDeskOnA, nurseOnB, admin, otherAdmin].forEach((session) => session?.close());
    otherWatchers?.forEach((socket) => socket.close());
    redis?.disconnect();
    await cluster?.dispose();
    await linkOfB?.close();
  });

  const nurseViews = async (reader = admin) =>
    (
      await reader.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${patient.id}&userId=${nurseOnB.userId}`,
      )
    ).body;

  /** The node holding the nurse's socket, and a wait for its next renewal to go through. */
  const nextRenewalOfNurseNode = async () => {
    const keys = `${cluster.keyPrefix}{presence}:`;
    let node: string | null = null;
    await eventually(
      "the nurse's socket is recorded",
      async () => {
        for (const key of await redis.keys(`${keys}conn:*`)) {
          const [user, owner] = await redis.hmget(key, 'user', 'node');
          if (user === nurseOnB.userId) node = owner;
        }
        return node !== null;
      },
      DELIVERY_MS,
    );
    const before = await redis.zscore(`${keys}nodes`, node as unknown as string);
    await eventually(
      'node B renews',
      async () => (await redis.zscore(`${keys}nodes`, node as unknown as string)) !== before,
      2 * RENEW_EVERY_MS,
    );
  };

  /** Node B's connection to Redis is known to be down: its readiness says so without waiting for a PONG. */
  const redisAwayFromB = async () => {
    const response = await fetch(`${cluster.nodes[1].url}/health/ready`, { signal: AbortSignal.timeout(100) }).catch(
      () => undefined,
    );
    return response?.status === 503 && (await response.text()).includes('Connection is');
  };

  it('never leaves the socket in the patient room without an audit row covering it', async () => {
    const nurseTab = await nurseOnB.connect();
    await watcher.waitFor('presence:online', about(nurseOnB.userId));

    // Just after a renewal of node B, Redis goes away from it, and once node B knows, the nurse
    // opens the chart: her view-start waits for Redis, mostly ahead of node B's next renewal.
    await nextRenewalOfNurseNode();
    linkOfB.refuse(true);
    linkOfB.cut();
    await eventually('node B knows Redis is away', redisAwayFromB, RENEW_EVERY_MS / 2);
    const started = nurseTab.command(
      'patient:view-start',
      { patientId: patient.id },
      SWEPT_BOUND_MS + BACK_BOUND_MS + 2 * DELIVERY_MS,
    );
    await watcher.waitFor('presence:offline', about(nurseOnB.userId), SWEPT_BOUND_MS + DELIVERY_MS);

    // Redis comes back to node B: it puts its socket back, and the view-start goes through.
    linkOfB.refuse(false);
    const ack = await started;
    await watcher.waitFor('presence:online', about(nurseOnB.userId), BACK_BOUND_MS + DELIVERY_MS);

    // The patient's room hears a change: whatever of it reaches the nurse's tab is covered by her audit.
    const adminTab = await admin.connect();
    expect(await adminTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    await watcher.waitFor('patient:viewers', lists(admin.userId));
    const heardAt = await nurseTab
      .waitFor('patient:viewers', lists(admin.userId), DELIVERY_MS)
      .then(() => new Date())
      .catch(() => undefined);
    if (heardAt) expect((await nurseViews()).filter(covers(heardAt))).not.toEqual([]);

    const listed = viewerIds(
      (await frontDeskOnA.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`)).body,
    ).split(',');
    const views = await nurseViews();
    if (ack.ok) {
      // Node B's renewal went first and put her socket back: her view is listed, its row open all along.
      expect({ heard: heardAt !== undefined, listed, ended: views.map((view) => view.endedAt) }).toEqual({
        heard: true,
        listed: expect.arrayContaining([nurseOnB.userId]),
        ended: [undefined],
      });
    } else {
      // The store could not list her view (her node was swept, and not yet renewed): it is refused,
      // nobody lists her, her tab is out of the room, and its time in the room is audited, ended.
      expect(ack.error).toEqual({ code: 'VIEW_NOT_RECORDED', message: expect.stringMatching(/could not be recorded/) });
      expect({ heard: heardAt !== undefined, listed, ended: views.map((view) => view.endedAt !== undefined) }).toEqual({
        heard: false,
        listed: expect.not.arrayContaining([nurseOnB.userId]),
        ended: [true],
      });
      // Opening the chart again is a view like any other.
      expect(await nurseTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
      await watcher.waitFor('patient:viewers', lists(nurseOnB.userId));
      const [opened, refused] = await nurseViews();
      expect(opened.endedAt).toBeUndefined();
      expect(opened.startedAt >= (refused.endedAt ?? '')).toBe(true);
    }

    // Another clinic's admin reads none of it (the chart is not of their clinic: 404), and its
    // sockets, on either node, hear nothing.
    expect(
      await otherAdmin.rest.get(`/api/audit/patient-views?patientId=${patient.id}&userId=${nurseOnB.userId}`),
    ).toMatchObject({ status: 404, body: { message: `Patient ${patient.id} not found` } });
    const theirs = (await otherAdmin.rest.get<PatientViewAuditEntry[]>('/api/audit/patient-views')).body;
    expect(theirs.filter((view) => view.userId === nurseOnB.userId)).toEqual([]);
    for (const socket of otherWatchers) expect(socket.received('patient:viewers')).toEqual([]);
  }, 60_000);
});
