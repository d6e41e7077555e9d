import { PatientSummary, PatientViewAuditEntry } from '@derm/shared/contracts';
import {
  auditBack,
  auditFailing,
  eventually,
  RealtimeTestClient,
  StaffSession,
  TcpBalancer,
} from '@derm/shared/test-client';
import { Cluster, startTimeout } from './support/cluster';
import { BACK_BOUND_MS, DELIVERY_MS, startClusterWithCutOffNode, SWEPT_BOUND_MS } from './support/cut-off-node';
import { sample, scrape } from './support/metrics';
import { about, viewerIds } from './support/presence-signals';

/** The retries' backoff after an outage of a few seconds, and the test's own reads. */
const WRITTEN_WITHIN_MS = 10_000;

describe('several nodes: a swept node put back while the audit database cannot take its continued rows', () => {
  let cluster: Cluster;
  let linkOfB: TcpBalancer;
  let frontDeskOnA: StaffSession;
  let nurseOnB: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let watcher: RealtimeTestClient;
  let patient: PatientSummary;

  beforeAll(async () => {
    ({ cluster, linkOfB } = await startClusterWithCutOffNode());
    const [a, b] = cluster.nodes;
    [frontDeskOnA, nurseOnB, admin, otherAdmin] = await Promise.all([
      StaffSession.signIn(a.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(b.url, 'nurse@riverside.test'),
      StaffSession.signIn(a.url, 'admin@riverside.test'),
      StaffSession.signIn(a.url, 'admin@lakeside.test'),
    ]);
    watcher = await frontDeskOnA.connect();
    patient = (await frontDeskOnA.rest.get<PatientSummary[]>('/api/patients')).body[0];
    expect(await watcher.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
  }, startTimeout(2));
  afterAll(async () => {
    [frontDeskOnA, nurseOnB, admin, otherAdmin].forEach((session) => session?.close());
    await cluster?.dispose();
    await linkOfB?.close();
  });

  const nurseViews = async (session = admin) =>
    session.rest.get<PatientViewAuditEntry[]>(
      `/api/audit/patient-views?patientId=${patient.id}&userId=${nurseOnB.userId}`,
    );
  const failedContinuationsOnB = async () =>
    sample(
      (await scrape(cluster.nodes[1].url)).text,
      'derm_chart_view_audit_write_failures_total{write="continued"}',
    ) ?? 0;

  it('continues the view in the audit from the sweep once the database is back, then ends it at the stop', async () => {
    const nurseTab = await nurseOnB.connect();
    expect(await nurseTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    const both = [frontDeskOnA.userId, nurseOnB.userId].sort().join();
    await watcher.waitFor('patient:viewers', (signal) => viewerIds(signal) === both);

    const toldBeforeCut = watcher.received('patient:viewers').length;
    linkOfB.refuse(true);
    linkOfB.cut();
    // Signals already received count: the sweep is the first to announce her offline.
    await watcher.waitFor('presence:offline', about(nurseOnB.userId), SWEPT_BOUND_MS + DELIVERY_MS);
    await eventually('the sweep ended her row', async () => !!(await nurseViews()).body[0]?.endedAt, DELIVERY_MS);
    const [swept] = (await nurseViews()).body;

    // Node B comes back while no row can be written: she is announced again all the same.
    await auditFailing(cluster.database, 'INSERT');
    linkOfB.refuse(false);
    await eventually(
      'she is announced viewing again',
      async () =>
        watcher
          .received('patient:viewers')
          .slice(toldBeforeCut)
          .some((signal) => viewerIds(signal) === both),
      BACK_BOUND_MS + DELIVERY_MS,
    );
    await eventually(
      'node B failed to continue her row',
      async () => (await failedContinuationsOnB()) > 0,
      DELIVERY_MS,
    );
    expect((await nurseViews()).body).toEqual([swept]);

    await auditBack(cluster.database);
    await eventually('her row is continued', async () => (await nurseViews()).body.length === 2, WRITTEN_WITHIN_MS);
    const [continued, ...earlier] = (await nurseViews()).body;
    expect(earlier).toEqual([swept]);
    expect(continued).toMatchObject({ startedAt: swept.endedAt, client: swept.client, session: swept.session });
    expect(continued.endedAt).toBeUndefined();

    expect(await nurseTab.command('patient:view-stop', { patientId: patient.id })).toMatchObject({ ok: true });
    const views = (await nurseViews()).body;
    expect(views).toHaveLength(2);
    expect(views.every((view) => view.endedAt !== undefined)).toBe(true);

    // Another clinic's admin is refused this chart's audit, and its own holds none of her views.
    expect((await nurseViews(otherAdmin)).status).toBe(404);
    const own = (await otherAdmin.rest.get<PatientViewAuditEntry[]>('/api/audit/patient-views')).body;
    expect(own.filter((view) => view.patientId === patient.id || view.userId === nurseOnB.userId)).toEqual([]);
  }, 60_000);
});
