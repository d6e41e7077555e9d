import { PatientSummary, PatientViewAuditEntry } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

describe('chart views open when the API stops', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('are all ended in the audit by a clean stop, not left open for ever', async () => {
    const viewers = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test'].map((email) => StaffSession.signIn(server.url, email)),
    );
    const charts = (await viewers[0].rest.get<PatientSummary[]>('/api/patients')).body.slice(0, 2);
    for (const viewer of viewers) {
      for (const tab of [await viewer.connect(), await viewer.connect()]) {
        for (const chart of charts) {
          expect(await tab.command('patient:view-start', { patientId: chart.id })).toMatchObject({ ok: true });
        }
      }
    }

    await server.stop('SIGTERM');
    await server.start();
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    const views = (await admin.rest.get<PatientViewAuditEntry[]>('/api/audit/patient-views')).body;
    expect(views).toHaveLength(viewers.length * 2 * charts.length);
    expect(views.filter((view) => view.endedAt === undefined)).toEqual([]);
    [...viewers, admin].forEach((session) => session.close());
  });
});
