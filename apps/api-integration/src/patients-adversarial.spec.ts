import { PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { REVOCATION_DEADLINE_MS } from './support/revocation-scenarios';

const viewerIds = (viewers: PatientViewers['viewers']) => viewers.map((viewer) => viewer.userId).sort();

/** A browser naming a version no browser has: what the client sends is not ours to trust. */
const ABSURD_VERSION = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/${'9'.repeat(120)} Safari/537.36`;

describe('chart viewing against other people, clinics and ended sessions', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let provider: StaffSession;
  let otherAdmin: StaffSession;
  let providerSocket: RealtimeTestClient;
  let patients: PatientSummary[];
  let chartNumber = 0;

  /** The next of the clinic's charts: the earlier tests of this file have closed every view of it. */
  const freshChart = () => patients[chartNumber++ % patients.length];
  /** When the current test began: views ended before it are earlier tests'. */
  let testStartedAt: string;
  const viewersOf = async (patientId: string) =>
    viewerIds((await provider.rest.get<PatientViewers>(`/api/patients/${patientId}/viewers`)).body.viewers);
  const auditOf = async (patientId: string, userId: string) =>
    (
      await admin.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${patientId}&userId=${userId}&from=${testStartedAt}`,
      )
    ).body;
  const listing =
    (patientId: string, ...userIds: string[]) =>
    (signal: PatientViewers) =>
      signal.patientId === patientId && viewerIds(signal.viewers).join() === [...userIds].sort().join();

  /** The provider, then `tab` of `viewer`, open the chart; every signal of it so far is heard. */
  const bothViewing = async (chart: PatientSummary, tab: RealtimeTestClient, viewer: StaffSession) => {
    await providerSocket.command('patient:view-start', { patientId: chart.id });
    await providerSocket.waitFor('patient:viewers', listing(chart.id, provider.userId));
    await tab.command('patient:view-start', { patientId: chart.id });
    await providerSocket.waitFor('patient:viewers', listing(chart.id, provider.userId, viewer.userId));
  };

  beforeAll(async () => {
    server = await startApiServer();
    [admin, provider, otherAdmin] = await Promise.all([
      StaffSession.signIn(server.url, 'admin@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'admin@lakeside.test'),
    ]);
    providerSocket = await provider.connect();
    patients = (await admin.rest.get<PatientSummary[]>('/api/patients')).body;
  });
  beforeEach(() => {
    testStartedAt = new Date().toISOString();
  });
  afterAll(async () => {
    [admin, provider, otherAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('records the view of a tab whose browser claims an absurd version, and ends it', async () => {
    const chart = freshChart();
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const tab = await nurse.connect({ extraHeaders: { 'user-agent': ABSURD_VERSION } });

    const start = await tab.command('patient:view-start', { patientId: chart.id });
    expect(start).toMatchObject({ ok: true });
    const [view] = await auditOf(chart.id, nurse.userId);
    expect(view).toMatchObject({ userId: nurse.userId, patientId: chart.id, client: 'Unknown browser on Linux' });

    expect(await tab.command('patient:view-stop', { patientId: chart.id })).toMatchObject({ ok: true });
    expect(await auditOf(chart.id, nurse.userId)).toEqual([expect.objectContaining({ endedAt: expect.any(String) })]);
    expect(await viewersOf(chart.id)).toEqual([]);
    nurse.close();
  });

  it('tells the room everyone who opened a chart at once, and everyone who is left when they close it at once', async () => {
    const chart = freshChart();
    const colleagues = await Promise.all(
      ['nurse@riverside.test', 'frontdesk@riverside.test', 'admin@riverside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    // The nurse twice: a second tab of one person changes nobody's list.
    const tabs = await Promise.all([...colleagues, colleagues[0]].map((colleague) => colleague.connect()));
    await providerSocket.command('patient:view-start', { patientId: chart.id });
    const lastHeard = async () => {
      await providerSocket.roundTrip();
      return viewerIds(providerSocket.received('patient:viewers').at(-1)?.viewers ?? []);
    };
    const everyone = [provider, ...colleagues].map((session) => session.userId).sort();

    // Rounds within the nurse's command budget: her two tabs send four commands a round.
    for (let round = 0; round < 6; round++) {
      const started = await Promise.all(tabs.map((tab) => tab.command('patient:view-start', { patientId: chart.id })));
      for (const ack of started) expect(ack).toMatchObject({ ok: true });
      expect(await lastHeard()).toEqual(everyone);

      const stopped = await Promise.all(tabs.map((tab) => tab.command('patient:view-stop', { patientId: chart.id })));
      for (const ack of stopped) expect(ack).toMatchObject({ ok: true });
      expect(await lastHeard()).toEqual([provider.userId]);
      expect(await viewersOf(chart.id)).toEqual([provider.userId]);
    }
    colleagues.forEach((colleague) => colleague.close());
    await providerSocket.command('patient:view-stop', { patientId: chart.id });
  });

  it("refuses another clinic's view of this clinic's chart, and tells nobody anything of it", async () => {
    const chart = freshChart();
    await providerSocket.command('patient:view-start', { patientId: chart.id });
    await providerSocket.waitFor('patient:viewers', listing(chart.id, provider.userId));
    const stranger = await otherAdmin.connect();

    for (const command of ['patient:view-start', 'patient:view-stop'] as const) {
      expect(await stranger.command(command, { patientId: chart.id })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.any(String) },
      });
    }
    await providerSocket.expectNone('patient:viewers', (signal) => signal.patientId === chart.id);
    await stranger.expectNone('patient:viewers');
    expect(await viewersOf(chart.id)).toEqual([provider.userId]);
    const chartViews = await admin.rest.get<PatientViewAuditEntry[]>(
      `/api/audit/patient-views?patientId=${chart.id}&from=${testStartedAt}`,
    );
    expect(chartViews.body.filter((view) => view.userId !== provider.userId)).toEqual([]);
    expect((await admin.rest.get(`/api/audit/patient-views?userId=${otherAdmin.userId}`)).status).toBe(404);
    expect(
      (await otherAdmin.rest.get<PatientViewAuditEntry[]>(`/api/audit/patient-views?userId=${otherAdmin.userId}`)).body,
    ).toEqual([]);
    await providerSocket.command('patient:view-stop', { patientId: chart.id });
  });

  it.each([
    ['sign out', async (viewer: StaffSession) => expect((await viewer.rest.post('/api/auth/logout')).status).toBe(204)],
    [
      'are deactivated',
      async (viewer: StaffSession) =>
        expect((await admin.rest.patch(`/api/staff/${viewer.userId}`, { active: false })).status).toBe(200),
    ],
  ])('takes a viewer off the chart the moment they %s, and closes their audit row', async (_, end) => {
    const chart = freshChart();
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    try {
      const tab = await nurse.connect();
      await bothViewing(chart, tab, nurse);

      await end(nurse);
      await providerSocket.waitFor('patient:viewers', listing(chart.id, provider.userId), REVOCATION_DEADLINE_MS);
      expect(await viewersOf(chart.id)).toEqual([provider.userId]);
      expect(await auditOf(chart.id, nurse.userId)).toEqual([
        // Named as they were, deactivated or not: the audit keeps whose view it was.
        expect.objectContaining({ userId: nurse.userId, userName: 'Nora Quinn', endedAt: expect.any(String) }),
      ]);
      await eventually('the ended tab is closed', async () => !tab.connected, REVOCATION_DEADLINE_MS);
    } finally {
      await admin.rest.patch(`/api/staff/${nurse.userId}`, { active: true });
      await providerSocket.command('patient:view-stop', { patientId: chart.id });
    }
  });

  it('takes a tab whose connection drops off the chart at once', async () => {
    const chart = freshChart();
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const tab = await nurse.connect();
    await bothViewing(chart, tab, nurse);

    await tab.dropTransport();
    await providerSocket.waitFor('patient:viewers', listing(chart.id, provider.userId), 1000);
    expect(await viewersOf(chart.id)).toEqual([provider.userId]);
    expect(await auditOf(chart.id, nurse.userId)).toEqual([expect.objectContaining({ endedAt: expect.any(String) })]);
    nurse.close();
    await providerSocket.command('patient:view-stop', { patientId: chart.id });
  });

  it('never lists a tab that closed while its view was being opened', async () => {
    const chart = freshChart();
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    for (let round = 0; round < 10; round++) {
      const tab = await nurse.connect();
      tab.send('patient:view-start', { patientId: chart.id });
      tab.close();
    }
    const settled = await nurse.connect();
    await settled.command('patient:view-stop', { patientId: chart.id });
    await eventually(
      'every view the closed tabs opened has ended',
      async () => (await auditOf(chart.id, nurse.userId)).every((view) => view.endedAt !== undefined),
      2000,
    );
    expect(await viewersOf(chart.id)).not.toContain(nurse.userId);
    nurse.close();
  });
});
