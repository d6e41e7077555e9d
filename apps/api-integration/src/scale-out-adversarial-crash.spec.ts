import {
  OnlineStaff,
  PatientSummary,
  PatientViewAuditEntry,
  PatientViewers,
  ThreadSummary,
} from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { about, viewerIds } from './support/presence-signals';
import { Cluster, startCluster, startTimeout } from './support/cluster';

const TTL_MS = 4000;
const RENEW_EVERY_MS = 1000;
const TYPING_LAPSE_MS = 2000;
/** docs/deployment.md: a killed node's users and viewings within TTL + one renewal… */
const DEAD_NODE_BOUND_MS = TTL_MS + RENEW_EVERY_MS;
/** …its typists within the lapse, a 2 s margin and a 1 s sweep. */
const DEAD_TYPIST_BOUND_MS = TYPING_LAPSE_MS + 3000;
/** A signal's way through Redis to the client, and the test's own timing. */
const DELIVERY_MS = 1000;

describe('several nodes: a node killed mid-work leaves no ghosts and refuses nobody', () => {
  let cluster: Cluster;
  let frontDesk: StaffSession;
  let nurseOnA: StaffSession;
  let providerOnB: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let watcher: RealtimeTestClient;
  let otherWatchers: RealtimeTestClient[];
  let patient: PatientSummary;
  let threadId: string;
  let schedule: ClinicSchedule;

  beforeAll(async () => {
    cluster = await startCluster(2, {
      PRESENCE_GRACE_MS: '1000',
      PRESENCE_ENTRY_TTL_MS: String(TTL_MS),
      PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
      TYPING_LAPSE_MS: String(TYPING_LAPSE_MS),
    });
    const [a, b] = cluster.nodes;
    [frontDesk, nurseOnA, providerOnB, admin, otherClinic] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(a.url, 'nurse@riverside.test'),
      StaffSession.signIn(b.url, 'provider@riverside.test'),
      StaffSession.signIn(a.url, 'admin@riverside.test'),
      StaffSession.signIn(a.url, 'frontdesk@lakeside.test'),
    ]);
    watcher = await frontDesk.connect();
    otherWatchers = [await otherClinic.connect(), await RealtimeTestClient.connect(b.url, otherClinic.token)];
    patient = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body[0];
    schedule = await ClinicSchedule.of(frontDesk);
    const created = await frontDesk.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [nurseOnA.userId, providerOnB.userId],
    });
    expect(created.status).toBe(201);
    threadId = created.body.id;
    expect(await watcher.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await watcher.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
  }, startTimeout(2));
  afterAll(async () => {
    [frontDesk, nurseOnA, providerOnB, admin, otherClinic].forEach((session) => session?.close());
    otherWatchers?.forEach((socket) => socket.close());
    await cluster?.dispose();
  });

  /** Nothing of the riverside clinic ever reaches the lakeside sockets, on either node. */
  const expectOtherClinicHeardNothing = () => {
    const riverside = new Set([frontDesk.userId, nurseOnA.userId, providerOnB.userId, admin.userId]);
    for (const socket of otherWatchers.filter((s) => s.connected)) {
      expect(socket.received('typing')).toEqual([]);
      expect(socket.received('patient:viewers')).toEqual([]);
      expect(socket.received('presence:online').filter((s) => riverside.has(s.userId))).toEqual([]);
      expect(socket.received('presence:offline').filter((s) => riverside.has(s.userId))).toEqual([]);
    }
  };

  it('keeps a person with a tab on the surviving node online and reachable, and ends what their dead tab did', async () => {
    const [a, b] = cluster.nodes;
    const nurseTabOnA = await nurseOnA.connect();
    const nurseTabOnB = await RealtimeTestClient.connect(b.url, nurseOnA.token);
    const providerTab = await providerOnB.connect();
    await watcher.waitFor('presence:online', about(providerOnB.userId));
    expect(await nurseTabOnB.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await nurseTabOnB.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    expect(await providerTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    expect(await nurseTabOnB.command('typing:start', { threadId })).toEqual({ ok: true });
    await watcher.waitFor('typing', (t) => t.userId === nurseOnA.userId && t.isTyping);
    const everyone = [frontDesk.userId, nurseOnA.userId, providerOnB.userId].sort().join();
    await watcher.waitFor('patient:viewers', (signal) => viewerIds(signal) === everyone);

    const killedAt = Date.now();
    await b.stop('SIGKILL');
    const after = async <T>(signal: Promise<T>) => ({ value: await signal, ms: Date.now() - killedAt });
    const [stoppedTyping, viewers, providerOffline] = await Promise.all([
      after(
        watcher.waitFor(
          'typing',
          (t) => t.userId === nurseOnA.userId && !t.isTyping,
          DEAD_TYPIST_BOUND_MS + DELIVERY_MS,
        ),
      ),
      after(
        watcher.waitFor(
          'patient:viewers',
          (signal) => viewerIds(signal) === frontDesk.userId,
          DEAD_NODE_BOUND_MS + DELIVERY_MS,
        ),
      ),
      after(watcher.waitFor('presence:offline', about(providerOnB.userId), DEAD_NODE_BOUND_MS + DELIVERY_MS)),
    ]);
    expect(stoppedTyping.ms).toBeLessThanOrEqual(DEAD_TYPIST_BOUND_MS + DELIVERY_MS);
    expect(viewers.ms).toBeLessThanOrEqual(DEAD_NODE_BOUND_MS + DELIVERY_MS);
    expect(providerOffline.ms).toBeLessThanOrEqual(DEAD_NODE_BOUND_MS + DELIVERY_MS);

    // The nurse kept a tab on node A: the sweep that took the provider offline did not take her.
    await watcher.expectNone('presence:offline', about(nurseOnA.userId), { after: Promise.resolve() });
    const online = (await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online')).body.map((u) => u.userId);
    expect(online).toContain(nurseOnA.userId);
    expect(online).not.toContain(providerOnB.userId);
    const booking = await schedule.book(schedule.slotOn(FUTURE_DAY));
    await nurseTabOnA.waitFor('appointment:created', (e) => e.data.appointment.id === booking.id);

    // Her dead tab comes back on node A, is admitted and sees nobody typing.
    const back = await RealtimeTestClient.connect(a.url, nurseOnA.token);
    expect(await back.command('thread:join', { threadId })).toEqual({ ok: true });
    await back.expectNone('typing');
    back.close();
    nurseTabOnA.close();

    // The dead tab's chart view is closed in the audit, as of the node's last sign of life.
    await eventually(
      'the chart view of the dead tab is ended in the audit',
      async () => {
        const audit = await admin.rest.get<PatientViewAuditEntry[]>(
          `/api/audit/patient-views?patientId=${patient.id}&userId=${nurseOnA.userId}`,
        );
        return audit.body.length === 1 && audit.body[0].endedAt !== undefined;
      },
      5000,
    );
    expectOtherClinicHeardNothing();
  });

  it('starts again on a Redis holding the crashed cluster’s state: no old packet, its typists and viewers gone within the bounds', async () => {
    const [a, b] = cluster.nodes;
    await b.start();
    const nurseTab = await RealtimeTestClient.connect(b.url, nurseOnA.token);
    expect(await nurseTab.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await nurseTab.command('typing:start', { threadId })).toEqual({ ok: true });
    expect(await nurseTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    const unheard = await schedule.book(schedule.slotOn(FUTURE_DAY));
    await watcher.waitFor('appointment:created', (e) => e.data.appointment.id === unheard.id);

    const killedAt = Date.now();
    await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
    await Promise.all([a.start(), b.start()]);
    const startedAt = Date.now();

    // The crashed cluster's typist may still be shown within its lapse, and must stop within the bound.
    const fresh = await frontDesk.connect();
    expect(await fresh.command('thread:join', { threadId })).toEqual({ ok: true });
    const ghost = (t: { userId: string; isTyping: boolean }) => t.userId === nurseOnA.userId && t.isTyping;
    await fresh.roundTrip();
    if (fresh.received('typing').some(ghost)) {
      const left = killedAt + DEAD_TYPIST_BOUND_MS + DELIVERY_MS - Date.now();
      await fresh.waitFor('typing', (t) => t.userId === nurseOnA.userId && !t.isTyping, Math.max(left, 0));
    }
    const later = await frontDesk.connect();
    expect(await later.command('thread:join', { threadId })).toEqual({ ok: true });
    await later.expectNone('typing', (t) => t.isTyping);
    later.close();
    const booking = await schedule.book(schedule.slotOn(FUTURE_DAY));
    await fresh.waitFor('appointment:created', (e) => e.data.appointment.id === booking.id);
    expect(fresh.received('appointment:created').map((e) => e.data.appointment.id)).toEqual([booking.id]);

    // Whoever was online in the crashed cluster is announced offline within the bound, counted from the start.
    await fresh.waitFor('presence:offline', about(nurseOnA.userId), DEAD_NODE_BOUND_MS + DELIVERY_MS);
    expect(Date.now() - startedAt).toBeLessThanOrEqual(DEAD_NODE_BOUND_MS + DELIVERY_MS);
    const online = (await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online')).body;
    expect(online.map((u) => u.userId)).toEqual([frontDesk.userId]);
    const viewers = await frontDesk.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`);
    expect(viewers.body.viewers).toEqual([]);
    fresh.close();
  });
});
