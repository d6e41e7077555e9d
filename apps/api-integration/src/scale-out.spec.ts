import Redis from 'ioredis';
import { AppointmentSummary, DomainEvent, PatientSummary, StaffMember } from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { Cluster, readiness, startCluster } from './support/cluster';

/** A day ahead with no demo visits: bookings on it are neither in the past nor overlapping. */
const day = '2031-06-02';
const at = (hour: number, minute = 0) =>
  `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

describe('several nodes: broadcasts through Redis', () => {
  let cluster: Cluster;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let otherClinicOnB: StaffSession;
  let otherClinicOnA: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;

  beforeAll(async () => {
    cluster = await startCluster(2, { TYPING_LAPSE_MS: '600000' });
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB, otherClinicOnB, otherClinicOnA] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
      StaffSession.signIn(b.url, 'frontdesk@lakeside.test'),
      StaffSession.signIn(a.url, 'frontdesk@lakeside.test'),
    ]);
    nurseSocket = await nurseOnB.connect();
    otherSocket = await otherClinicOnB.connect();
  });
  afterAll(async () => {
    [frontDeskOnA, nurseOnB, otherClinicOnB, otherClinicOnA].forEach((s) => s?.close());
    await cluster?.dispose();
  });

  const bookAs = async (session: StaffSession, hour: number) => {
    const [clinicPatient] = (await session.rest.get<PatientSummary[]>('/api/patients')).body;
    const clinicProvider = (await session.rest.get<StaffMember[]>('/api/staff')).body.find(
      (s) => s.role === 'provider',
    )!;
    const response = await session.rest.post<AppointmentSummary>('/api/appointments', {
      patientId: clinicPatient.id,
      providerId: clinicProvider.id,
      startsAt: at(hour),
      endsAt: at(hour, 30),
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const book = (hour: number) => bookAs(frontDeskOnA, hour);
  const isAbout = (appointment: AppointmentSummary) => (e: DomainEvent<'appointment:created'>) =>
    e.data.appointment.id === appointment.id;
  const notTheirs = (e: DomainEvent<'appointment:created'>) => e.tenantId !== otherClinicOnB.tenantId;
  /** The other clinic's own booking, made on node A after the action: its socket on B hears it after anything A sent before. */
  const otherClinicMarker = async (hour: number) => {
    const marker = await bookAs(otherClinicOnA, hour);
    return otherSocket.waitFor('appointment:created', isAbout(marker), 10_000);
  };

  /** A conversation of the front desk, the nurse and the provider, with the nurse signed in on A and the provider on B. */
  const threadAcrossNodes = async () => {
    const [a, b] = cluster.nodes;
    const [nurseOnA, providerOnB] = await Promise.all([
      StaffSession.signIn(a.url, 'nurse@riverside.test'),
      StaffSession.signIn(b.url, 'provider@riverside.test'),
    ]);
    const created = await frontDeskOnA.rest.post<{ id: string }>('/api/threads', {
      participantIds: [nurseOnA.userId, providerOnB.userId],
    });
    expect(created.status).toBe(201);
    return { nurseOnA, providerOnB, threadId: created.body.id };
  };

  it('reports Redis in readiness on every node', async () => {
    for (const node of cluster.nodes) {
      expect(await readiness(node, 200)).toMatchObject({
        status: 'ok',
        info: { node: { status: 'up' }, database: { status: 'up' }, redis: { status: 'up' } },
      });
    }
  });

  it('delivers a REST change made on node A to the clinic’s sockets on node B, and not to the other clinic', async () => {
    const appointment = await book(17);
    const event = await nurseSocket.waitFor('appointment:created', isAbout(appointment));
    expect(event).toMatchObject({
      type: 'appointment:created',
      tenantId: frontDeskOnA.tenantId,
      data: { appointment },
    });
    await otherSocket.expectNone('appointment:created', notTheirs, { after: otherClinicMarker(17) });
  });

  it('writes a connection’s own packets to it alone: not into the cluster’s stream, not to another tab', async () => {
    const redis = new Redis(cluster.redis.url);
    const stream = `${cluster.keyPrefix}socket.io`;
    try {
      const [last] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
      const tabs = await Promise.all([nurseOnB.connect(), nurseOnB.connect(), otherClinicOnB.connect()]);
      for (const tab of tabs) await tab.waitFor('notification:unread-count');

      // Only this node's sockets wanted them: a recovering socket would otherwise decode them all again.
      const added = await redis.xrange(stream, last ? `(${last[0]}` : '-', '+');
      const ids = tabs.map((tab) => tab.socket.id ?? '');
      expect(ids.every(Boolean)).toBe(true);
      expect(added.filter(([, fields]) => ids.some((id) => fields.join(' ').includes(id)))).toEqual([]);
      await nurseSocket.expectNone('session:ready');
      await otherSocket.expectNone('session:ready');
      tabs.forEach((tab) => tab.close());
    } finally {
      redis.disconnect();
    }
  });

  it('takes a thread’s room from every node’s tabs of someone who leaves it on another node', async () => {
    const { nurseOnA, providerOnB, threadId } = await threadAcrossNodes();
    const [deskSocket, providerSocket, nurseTab] = await Promise.all([
      frontDeskOnA.connect(),
      providerOnB.connect(),
      nurseOnB.connect(),
    ]);
    for (const socket of [deskSocket, providerSocket, nurseTab]) {
      expect(await socket.command('thread:join', { threadId })).toEqual({ ok: true });
    }

    // The nurse leaves through node A; her tab is on node B.
    expect((await nurseOnA.rest.delete(`/api/threads/${threadId}/participants/me`)).status).toBe(204);
    await nurseTab.waitFor('thread:participant-left', (e) => e.data.threadId === threadId, 10_000);
    await providerSocket.waitFor('thread:participant-left', (e) => e.data.threadId === threadId, 10_000);
    expect(await deskSocket.command('typing:start', { threadId })).toEqual({ ok: true });
    const heard = providerSocket.waitFor('typing', (t) => t.threadId === threadId, 10_000);
    await nurseTab.expectNone('typing', (t) => t.threadId === threadId, { after: heard });
    [nurseOnA, providerOnB].forEach((s) => s.close());
    [deskSocket, providerSocket, nurseTab].forEach((socket) => socket.close());
  });

  it('stops showing someone as typing when they leave or send on another node than their tab’s', async () => {
    const { nurseOnA, providerOnB, threadId } = await threadAcrossNodes();
    const [providerSocket, nurseTab] = await Promise.all([providerOnB.connect(), nurseOnB.connect()]);
    for (const socket of [providerSocket, nurseTab]) {
      expect(await socket.command('thread:join', { threadId })).toEqual({ ok: true });
    }
    const nurseTyping = (isTyping: boolean) =>
      providerSocket.waitFor(
        'typing',
        (t) => t.threadId === threadId && t.userId === nurseOnB.userId && t.isTyping === isTyping,
        10_000,
      );

    // Her tab is on node B; the message goes through node A. Her start lapses only in minutes here.
    let started = nurseTyping(true);
    expect(await nurseTab.command('typing:start', { threadId })).toEqual({ ok: true });
    await started;
    let stopped = nurseTyping(false);
    expect((await nurseOnA.rest.post(`/api/threads/${threadId}/messages`, { body: 'On my way' })).status).toBe(201);
    await stopped;

    started = nurseTyping(true);
    expect(await nurseTab.command('typing:start', { threadId })).toEqual({ ok: true });
    await started;
    stopped = nurseTyping(false);
    expect((await nurseOnA.rest.delete(`/api/threads/${threadId}/participants/me`)).status).toBe(204);
    await stopped;
    [nurseOnA, providerOnB].forEach((s) => s.close());
    [providerSocket, nurseTab].forEach((socket) => socket.close());
  });

  it('resumes broadcasts after Redis restarts, without restarting the nodes', async () => {
    await cluster.redis.stop('SIGKILL');
    const [a, b] = cluster.nodes;
    expect(await readiness(a, 503)).toMatchObject({ error: { redis: { status: 'down' } } });

    await cluster.redis.start();
    await Promise.all([readiness(a, 200), readiness(b, 200)]);
    expect(nurseSocket.connected).toBe(true);
    const appointment = await book(18);
    await nurseSocket.waitFor('appointment:created', isAbout(appointment), 10_000);
    await otherSocket.expectNone('appointment:created', notTheirs, { after: otherClinicMarker(18) });
  });
});
