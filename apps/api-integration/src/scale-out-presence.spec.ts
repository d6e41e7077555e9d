import { HandshakeAuth, OnlineStaff, PatientSummary, PatientViewers, ThreadSummary } from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { Cluster, startCluster, startTimeout } from './support/cluster';
import { about, viewerIds } from './support/presence-signals';

/** A short TTL and renewal period, so the bound is seconds rather than the default 40 s. */
const TTL_MS = 4000;
const RENEW_EVERY_MS = 1000;
/** docs/deployment.md: a killed node's users are offline, its viewings ended, within TTL + one renewal. */
const DEAD_NODE_BOUND_MS = TTL_MS + RENEW_EVERY_MS;
/** …and its typists stop typing within the lapse, the margin and one orphan sweep. */
const DEAD_TYPIST_BOUND_MS = 5000 + 2000 + 1000;
/** What the bounds leave out: a signal's way through Redis to the client, and the test's own timing. */
const DELIVERY_MS = 1000;

describe('several nodes: one truth for presence and chart viewing', () => {
  let cluster: Cluster;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let otherClinicOnA: StaffSession;
  let observer: RealtimeTestClient;
  let otherObserver: RealtimeTestClient;
  let batchedObserver: RealtimeTestClient;
  let otherBatchedObserver: RealtimeTestClient;
  let nurseSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let threadId: string;

  beforeAll(async () => {
    cluster = await startCluster(2, {
      PRESENCE_GRACE_MS: '1000',
      PRESENCE_ENTRY_TTL_MS: String(TTL_MS),
      PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
    });
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB, otherClinicOnA] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
      StaffSession.signIn(a.url, 'frontdesk@lakeside.test'),
    ]);
    observer = await frontDeskOnA.connect();
    otherObserver = await otherClinicOnA.connect();
    batchedObserver = await frontDeskOnA.connect({
      auth: { token: frontDeskOnA.token, presence: 'batched' } satisfies HandshakeAuth,
    });
    otherBatchedObserver = await otherClinicOnA.connect({
      auth: { token: otherClinicOnA.token, presence: 'batched' } satisfies HandshakeAuth,
    });
    patient = (await frontDeskOnA.rest.get<PatientSummary[]>('/api/patients')).body[0];
  }, startTimeout(2));
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
    await otherObserver.expectNone('presence:online', about(nurseOnB.userId));
    const batched = await batchedObserver.waitFor('presence:changed', (changed) =>
      changed.online.some(about(nurseOnB.userId)),
    );
    expect(batched.online.filter(about(nurseOnB.userId))).toEqual([
      { userId: nurseOnB.userId, name: 'Nora Quinn', role: 'nurse' },
    ]);
    await otherBatchedObserver.expectNone('presence:changed', (changed) => changed.online.some(about(nurseOnB.userId)));

    const listed = await observer.command('presence:list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.online.map((user) => user.userId)).toEqual(
      expect.arrayContaining([frontDeskOnA.userId, nurseOnB.userId]),
    );
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
    const typing = { threadId, userId: nurseOnB.userId, name: 'Nora Quinn', isTyping: true };
    expect(await observer.waitFor('typing', (t) => t.userId === nurseOnB.userId && t.isTyping)).toEqual(typing);

    // A colleague opening the thread on node A learns it from Redis: no renewal is sent meanwhile.
    const lateOnA = await frontDeskOnA.connect();
    try {
      expect(await lateOnA.command('thread:join', { threadId })).toEqual({ ok: true });
      expect(await lateOnA.waitFor('typing', () => true, 500)).toEqual(typing);
      expect(await otherObserver.command('thread:join', { threadId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      await otherObserver.expectNone('typing');
    } finally {
      lateOnA.close();
    }
  });

  it('takes the users, viewings and typing of a killed node away within the stated bounds', async () => {
    expect(await nurseSocket.command('typing:start', { threadId })).toEqual({ ok: true });
    const stoppedTyping = (t: { userId: string; isTyping: boolean }) => t.userId === nurseOnB.userId && !t.isTyping;
    // Only a lapse announced after the kill may pass the check below.
    await observer.expectNone('typing', stoppedTyping);
    const killedAt = Date.now();
    await cluster.nodes[1].stop('SIGKILL');
    /** Each signal's arrival, counted from the kill, waited for concurrently (they overlap). */
    const arrival = async <T>(signal: Promise<T>) => {
      const value = await signal;
      return { value, after: Date.now() - killedAt };
    };

    const [typing, offline, viewers] = await Promise.all([
      arrival(observer.waitFor('typing', stoppedTyping, DEAD_TYPIST_BOUND_MS + DELIVERY_MS)),
      arrival(observer.waitFor('presence:offline', about(nurseOnB.userId), DEAD_NODE_BOUND_MS + DELIVERY_MS)),
      arrival(
        observer.waitFor(
          'patient:viewers',
          (s) => viewerIds(s) === frontDeskOnA.userId,
          DEAD_NODE_BOUND_MS + DELIVERY_MS,
        ),
      ),
    ]);
    expect(typing.after).toBeLessThanOrEqual(DEAD_TYPIST_BOUND_MS + DELIVERY_MS);
    expect(offline.after).toBeLessThanOrEqual(DEAD_NODE_BOUND_MS + DELIVERY_MS);
    expect(viewers.after).toBeLessThanOrEqual(DEAD_NODE_BOUND_MS + DELIVERY_MS);
    expect(offline.value).toEqual({ userId: nurseOnB.userId, lastSeenAt: expect.any(String) });
    expect(Date.parse(offline.value.lastSeenAt)).toBeLessThanOrEqual(killedAt);
    expect(viewers.value.patientId).toBe(patient.id);
    const online = await frontDeskOnA.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(online.body.map((user) => user.userId)).not.toContain(nurseOnB.userId);

    // The dead node's typist is no longer shown to whoever opens the thread now.
    const lateOnA = await frontDeskOnA.connect();
    try {
      expect(await lateOnA.command('thread:join', { threadId })).toEqual({ ok: true });
      await lateOnA.expectNone('typing');
    } finally {
      lateOnA.close();
    }
  });
});
