import {
  OnlineStaff,
  PatientSummary,
  PatientViewers,
  PresenceOffline,
  PresenceOnline,
  ThreadSummary,
} from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { Cluster, startCluster } from './support/cluster';

/** docs/deployment.md: a killed node's users are offline, its viewings ended, within TTL + one renewal. */
const DEAD_NODE_BOUND_MS = 30_000 + 10_000;
/** …and its typists stop typing within the lapse, the margin and one orphan sweep. */
const DEAD_TYPIST_BOUND_MS = 5000 + 2000 + 1000;
const about = (userId: string) => (signal: PresenceOnline | PresenceOffline) => signal.userId === userId;
const viewerIds = (signal: PatientViewers) => signal.viewers.map((viewer) => viewer.userId).sort().join();

describe('several nodes: one truth for presence and chart viewing', () => {
  let cluster: Cluster;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let otherClinicOnA: StaffSession;
  let observer: RealtimeTestClient;
  let otherObserver: RealtimeTestClient;
  let nurseSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let threadId: string;

  beforeAll(async () => {
    cluster = await startCluster(2, { PRESENCE_GRACE_MS: '1000' });
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB, otherClinicOnA] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
      StaffSession.signIn(a.url, 'frontdesk@lakeside.test'),
    ]);
    observer = await frontDeskOnA.connect();
    otherObserver = await otherClinicOnA.connect();
    patient = (await frontDeskOnA.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [frontDeskOnA, nurseOnB, otherClinicOnA].forEach((s) => s?.close());
    await cluster?.dispose();
  });

  it('announces a user connected to node B to colleagues on node A, and lists them on both nodes', async () => {
    nurseSocket = await nurseOnB.connect();
    expect(await observer.waitFor('presence:online', about(nurseOnB.userId))).toEqual({
      userId: nurseOnB.userId,
      name: 'Nora Quinn',
      role: 'nurse',
    });
    await otherObserver.expectNone('presence:online', 300, about(nurseOnB.userId));

    const listed = await observer.command('presence:list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.online.map((user) => user.userId)).toEqual(expect.arrayContaining([frontDeskOnA.userId, nurseOnB.userId]));
    const fromB = await nurseOnB.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(fromB.body).toEqual(listed.online);
  });

  it('shows who has a chart open, whichever node their socket is on', async () => {
    const first = await observer.command('patient:view-start', { patientId: patient.id });
    expect(first).toMatchObject({ ok: true, viewers: [{ userId: frontDeskOnA.userId }] });
    const second = await nurseSocket.command('patient:view-start', { patientId: patient.id });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.viewers.map((viewer) => viewer.userId)).toEqual([frontDeskOnA.userId, nurseOnB.userId]);
    const both = [frontDeskOnA.userId, nurseOnB.userId].sort().join();
    await observer.waitFor('patient:viewers', (signal) => viewerIds(signal) === both);
    const rest = await frontDeskOnA.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`);
    expect(viewerIds(rest.body)).toBe(both);
  });

  it('relays typing between nodes', async () => {
    const created = await frontDeskOnA.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [nurseOnB.userId],
      subject: 'Room 3',
    });
    expect(created.status).toBe(201);
    threadId = created.body.id;
    expect(await observer.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await nurseSocket.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await nurseSocket.command('typing:start', { threadId })).toEqual({ ok: true });
    expect(await observer.waitFor('typing', (t) => t.userId === nurseOnB.userId && t.isTyping)).toEqual({
      threadId,
      userId: nurseOnB.userId,
      name: 'Nora Quinn',
      isTyping: true,
    });
  });

  it('takes the users, viewings and typing of a killed node away within the stated bounds', async () => {
    expect(await nurseSocket.command('typing:start', { threadId })).toEqual({ ok: true });
    const killedAt = Date.now();
    await cluster.nodes[1].stop('SIGKILL');

    await observer.waitFor('typing', (t) => t.userId === nurseOnB.userId && !t.isTyping, DEAD_TYPIST_BOUND_MS + 5000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(DEAD_TYPIST_BOUND_MS + 1000);

    const offline = await observer.waitFor('presence:offline', about(nurseOnB.userId), DEAD_NODE_BOUND_MS + 5000);
    const viewers = await observer.waitFor('patient:viewers', (s) => viewerIds(s) === frontDeskOnA.userId, 5000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(DEAD_NODE_BOUND_MS + 1000);
    expect(offline).toEqual({ userId: nurseOnB.userId, lastSeenAt: expect.any(String) });
    expect(Date.parse(offline.lastSeenAt)).toBeLessThanOrEqual(killedAt);
    expect(viewers.patientId).toBe(patient.id);
    const online = await frontDeskOnA.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(online.body.map((user) => user.userId)).not.toContain(nurseOnB.userId);
  }, 60_000);
});
