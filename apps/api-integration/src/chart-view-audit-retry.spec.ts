import { PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import {
  ApiServer,
  auditBack,
  auditFailing,
  createTestDatabase,
  eventually,
  RealtimeTestClient,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';
import { sample, scrape } from './support/metrics';

/** The retries' backoff after an outage of a second or two, and the test's own reads. */
const WRITTEN_WITHIN_MS = 10_000;

describe('chart-view audit: ends written once the database is back', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let provider: StaffSession;
  let otherNurse: StaffSession;
  let patient: PatientSummary;

  const nurseViews = async () =>
    (
      await admin.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${patient.id}&userId=${nurse.userId}`,
      )
    ).body;
  const openChart = async (): Promise<RealtimeTestClient> => {
    const socket = await nurse.connect();
    expect(await socket.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    return socket;
  };
  const failedEnds = async () =>
    sample((await scrape(server.url)).text, 'derm_chart_view_audit_write_failures_total{write="closed"}') ?? 0;
  const allEnded = async (count: number) => {
    const views = await nurseViews();
    return views.length === count && views.every((view) => view.endedAt !== undefined);
  };

  beforeAll(async () => {
    server = await startApiServer({ database: await createTestDatabase() });
    [nurse, admin, otherAdmin, provider, otherNurse] = await Promise.all(
      [
        'nurse@riverside.test',
        'admin@riverside.test',
        'admin@lakeside.test',
        'provider@riverside.test',
        'nurse@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    patient = (await admin.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [nurse, admin, otherAdmin, provider, otherNurse].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('stops a view while its end cannot be written, and writes the end at the stop once it can', async () => {
    const tab = await openChart();
    const failedBefore = await failedEnds();
    await auditFailing(server.database, 'UPDATE');
    const from = Date.now();
    expect(await tab.command('patient:view-stop', { patientId: patient.id })).toEqual({ ok: true, viewers: [] });
    const to = Date.now();
    const [open] = await nurseViews();
    expect(open.endedAt).toBeUndefined();
    expect(await failedEnds()).toBeGreaterThan(failedBefore);

    await auditBack(server.database);
    await eventually('the end is written', () => allEnded(1), WRITTEN_WITHIN_MS);
    const [ended] = await nurseViews();
    expect(new Date(ended.endedAt ?? 0).getTime()).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000);
    expect(new Date(ended.endedAt ?? 0).getTime()).toBeLessThanOrEqual(to);
    tab.close();
  });

  it('ends the view of a closed tab once its end can be written, and a new view of the chart is its own row', async () => {
    const tab = await openChart();
    const failedBefore = await failedEnds();
    await auditFailing(server.database, 'UPDATE');
    tab.close();
    await eventually('ending the view failed', async () => (await failedEnds()) > failedBefore, 3000);
    await auditBack(server.database);
    await eventually('the end is written', () => allEnded(2), WRITTEN_WITHIN_MS);

    const again = await openChart();
    expect(await again.command('patient:view-stop', { patientId: patient.id })).toMatchObject({ ok: true });
    expect(await allEnded(3)).toBe(true);
    again.close();
  });

  it('refuses opening the chart again on the same tab VIEW_NOT_RECORDED while its last end is unwritten, and tells nobody', async () => {
    const colleague = await provider.connect();
    expect(await colleague.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    const foreign = await otherNurse.connect();
    const tab = await openChart();
    await colleague.waitFor('patient:viewers', ({ viewers }) => viewers.some((v) => v.userId === nurse.userId));
    await auditFailing(server.database, 'UPDATE');
    expect(await tab.command('patient:view-stop', { patientId: patient.id })).toMatchObject({ ok: true });
    await colleague.waitFor('patient:viewers', ({ viewers }) => viewers.every((v) => v.userId !== nurse.userId));

    expect(await tab.command('patient:view-start', { patientId: patient.id })).toEqual({
      ok: false,
      error: { code: 'VIEW_NOT_RECORDED', message: 'This chart view could not be recorded; open the chart again' },
    });
    await colleague.expectNone('patient:viewers', ({ viewers }) => viewers.some((v) => v.userId === nurse.userId));
    expect(await foreign.command('patient:view-start', { patientId: patient.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await foreign.expectNone('patient:viewers');

    await auditBack(server.database);
    await eventually(
      'the end is written',
      async () => (await nurseViews()).every((view) => view.endedAt),
      WRITTEN_WITHIN_MS,
    );
    expect(await tab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    await foreign.expectNone('patient:viewers');
    [tab, colleague, foreign].forEach((socket) => socket.close());
  });

  it('refuses a view whose row cannot be written VIEW_NOT_RECORDED, and tells nobody', async () => {
    const colleague = await provider.connect();
    expect(await colleague.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    const tab = await nurse.connect();
    await auditFailing(server.database, 'INSERT');
    expect(await tab.command('patient:view-start', { patientId: patient.id })).toEqual({
      ok: false,
      error: { code: 'VIEW_NOT_RECORDED', message: 'This chart view could not be recorded; open the chart again' },
    });
    await colleague.expectNone('patient:viewers', ({ viewers }) => viewers.some((v) => v.userId === nurse.userId));
    expect((await nurse.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`)).body.viewers).toEqual([
      expect.objectContaining({ userId: provider.userId }),
    ]);

    await auditBack(server.database);
    expect(await tab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    [tab, colleague].forEach((socket) => socket.close());
  });

  it("shows none of it to another clinic's admin", async () => {
    const refused = await otherAdmin.rest.get(`/api/audit/patient-views?patientId=${patient.id}`);
    expect(refused.status).toBe(404);
    const own = (await otherAdmin.rest.get<PatientViewAuditEntry[]>('/api/audit/patient-views')).body;
    expect(own.filter((view) => view.patientId === patient.id || view.userId === nurse.userId)).toEqual([]);
  });
});
