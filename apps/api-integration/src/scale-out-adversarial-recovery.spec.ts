import {
  OnlineStaff,
  PatientSummary,
  PatientViewAuditEntry,
  PatientViewers,
  ThreadSummary,
} from '@derm/shared/contracts';
import { addPatients, eventually, RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { Cluster, startCluster, startTimeout } from './support/cluster';
import { about, viewerIds } from './support/presence-signals';

/** Charts the dropped connection opened one after the other, faster than node B records them. */
const CHARTS = 80;

describe('several nodes: a connection recovered while its node still works through its chart commands', () => {
  let cluster: Cluster;
  /** Bookings of both tests, each in a slot of its own. */
  let schedule: ClinicSchedule;

  beforeAll(async () => {
    cluster = await startCluster(2, { PRESENCE_GRACE_MS: '1000', WS_RATE_LIMIT_POINTS: '1000' });
    const frontDesk = await StaffSession.signIn(cluster.nodes[0].url, 'frontdesk@riverside.test');
    await addPatients(
      cluster.database,
      frontDesk.tenantId,
      Array.from({ length: CHARTS }, (_, i) => ({
        displayName: `Chart Walk ${i}`,
        dateOfBirth: '1980-01-01',
        mrn: `WALK-${i}`,
      })),
    );
    schedule = await ClinicSchedule.of(frontDesk);
  }, startTimeout(2));
  afterAll(async () => cluster?.dispose());

  /** `email`'s connection to node B drops and is recovered on `returnNode` (A or B itself). */
  const staysOnlineWhenRecoveredOn = (email: string, returnNode: () => string) => async () => {
    const [a, b] = cluster.nodes;
    const [frontDesk, person, admin] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, email),
      StaffSession.signIn(b.url, 'admin@riverside.test'),
    ]);
    const charts = (await frontDesk.rest.get<PatientSummary[]>('/api/patients?q=WALK')).body;
    expect(charts).toHaveLength(CHARTS);
    const [first] = charts;
    const watcher = await frontDesk.connect();
    expect(await watcher.command('patient:view-start', { patientId: first.id })).toMatchObject({ ok: true });
    const dropped = await person.connect();
    await watcher.waitFor('presence:online', about(person.userId));
    // Typing tells, when it stops, that node B has seen the connection drop.
    const thread = await frontDesk.rest.post<ThreadSummary>('/api/threads', { participantIds: [person.userId] });
    expect(thread.status).toBe(201);
    const threadId = thread.body.id;
    expect(await watcher.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await dropped.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await dropped.command('typing:start', { threadId })).toEqual({ ok: true });
    await watcher.waitFor('typing', (t) => t.userId === person.userId && t.isTyping);
    const control = await admin.connect();
    await watcher.waitFor('presence:online', about(admin.userId));

    // A quick walk through charts, each one's stop sent before the next one's start as the portal
    // does (a socket views only a few at once), then the network drops: node B still works through
    // the walk when the connection is recovered on node A, under the same socket id.
    // Their answers never come: the connection drops first.
    charts.forEach((chart, i) => {
      if (i > 0) void dropped.command('patient:view-stop', { patientId: charts[i - 1].id }).catch(() => undefined);
      void dropped.command('patient:view-start', { patientId: chart.id }).catch(() => undefined);
    });
    await watcher.waitFor('patient:viewers', (signal) => signal.patientId === first.id && signal.viewers.length === 2);
    const credentials = dropped.recoveryCredentials;
    await dropped.dropTransport();
    await watcher.waitFor('typing', (t) => t.userId === person.userId && !t.isTyping);
    const recovered = await RealtimeTestClient.connect(returnNode(), person.token, {
      auth: { token: person.token, ...credentials },
    });
    expect(recovered.ready.recovered).toBe(true);

    // Every view node B recorded is ended once it has finished with the dropped connection.
    await eventually(
      'the dropped connection’s chart views are all ended',
      async () => {
        const audit = await admin.rest.get<PatientViewAuditEntry[]>(`/api/audit/patient-views?userId=${person.userId}`);
        return audit.status === 200 && audit.body.length > 0 && audit.body.every((view) => view.endedAt);
      },
      10_000,
    );
    // A colleague leaving after that is announced by node B after the grace, after the person would be.
    control.close();
    await watcher.expectNone('presence:offline', about(person.userId), {
      after: watcher.waitFor('presence:offline', about(admin.userId), 10_000),
    });
    const online = (await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online')).body.map((u) => u.userId);
    expect(online).toContain(person.userId);
    const viewers = await frontDesk.rest.get<PatientViewers>(`/api/patients/${first.id}/viewers`);
    expect(viewerIds(viewers.body)).toBe(frontDesk.userId);

    const booking = await schedule.book(schedule.slotOn(FUTURE_DAY));
    await recovered.waitFor('appointment:created', (e) => e.data.appointment.id === booking.id);
    recovered.close();
    frontDesk.close();
  };

  it(
    'on another node: stays online and listed, and the charts its dropped connection opened are closed',
    staysOnlineWhenRecoveredOn('nurse@riverside.test', () => cluster.nodes[0].url),
  );
  it(
    'on the same node: stays online and listed, and the charts its dropped connection opened are closed',
    staysOnlineWhenRecoveredOn('provider@riverside.test', () => cluster.nodes[1].url),
  );
});
