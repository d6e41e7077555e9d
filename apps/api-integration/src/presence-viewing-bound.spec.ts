import {
  MAX_CHARTS_VIEWED_PER_SOCKET as MAX,
  PatientSummary,
  PatientViewAuditEntry,
  PatientViewers,
} from '@derm/shared/contracts';
import { addPatients, ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const TOO_MANY_VIEWS = { ok: false, error: { code: 'TOO_MANY_VIEWS', message: expect.stringContaining(`${MAX}`) } };

describe('the charts one socket views at once', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  /** The nurse's socket, walking through every chart of the clinic. */
  let sweeper: RealtimeTestClient;
  /** The provider, on the chart the sweeper reaches once it is full. */
  let colleague: RealtimeTestClient;
  /** The other clinic. */
  let outsider: RealtimeTestClient;
  /** The clinic's charts: as many as a socket may view, and two more. */
  let charts: PatientSummary[];
  let past: PatientSummary;

  const start = (socket: RealtimeTestClient, chart: PatientSummary) =>
    socket.command('patient:view-start', { patientId: chart.id });
  /** Starts each chart, every one accepted. */
  const startAll = async (socket: RealtimeTestClient, some: PatientSummary[]) => {
    for (const chart of some) expect(await start(socket, chart)).toMatchObject({ ok: true });
  };
  const about = (chart: PatientSummary) => (signal: PatientViewers) => signal.patientId === chart.id;
  const listing =
    (chart: PatientSummary, ...people: StaffSession[]) =>
    (signal: PatientViewers) =>
      about(chart)(signal) &&
      signal.viewers
        .map((viewer) => viewer.userId)
        .sort()
        .join() ===
        people
          .map((person) => person.userId)
          .sort()
          .join();
  const viewerIds = async (chart: PatientSummary) =>
    (await provider.rest.get<PatientViewers>(`/api/patients/${chart.id}/viewers`)).body.viewers.map((v) => v.userId);
  const auditedViews = async (chart: PatientSummary, person: StaffSession) =>
    (
      await admin.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${chart.id}&userId=${person.userId}`,
      )
    ).body;

  beforeAll(async () => {
    // Budget enough for every command here: the bound, not the rate limit, must refuse them.
    server = await startApiServer({ env: { WS_RATE_LIMIT_POINTS: '1000' } });
    [nurse, provider, admin, otherAdmin] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    await addPatients(
      server.database,
      nurse.tenantId,
      Array.from({ length: MAX + 2 }, (_, i) => ({
        displayName: `Bound Chart ${i}`,
        dateOfBirth: '1980-01-01',
        mrn: `BOUND-${i}`,
      })),
    );
    charts = (await nurse.rest.get<PatientSummary[]>('/api/patients?q=BOUND')).body;
    expect(charts).toHaveLength(MAX + 2);
    past = charts[MAX];
    [sweeper, colleague, outsider] = await Promise.all([nurse.connect(), provider.connect(), otherAdmin.connect()]);
    expect(await start(colleague, past)).toMatchObject({ ok: true });
    await colleague.waitFor('patient:viewers', listing(past, provider));
  });
  afterAll(async () => {
    [nurse, provider, admin, otherAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('refuses a view past the bound: no room joined, nobody listed or told, no audit row', async () => {
    await startAll(sweeper, charts.slice(0, MAX));
    expect(await start(sweeper, past)).toEqual(TOO_MANY_VIEWS);

    await colleague.expectNone('patient:viewers', about(past));
    expect(await viewerIds(past)).toEqual([provider.userId]);
    expect(await auditedViews(past, nurse)).toEqual([]);
    // Out of the room: someone else opening the chart is heard by the colleague, not by the sweeper.
    const adminTab = await admin.connect();
    expect(await start(adminTab, past)).toMatchObject({ ok: true });
    await colleague.waitFor('patient:viewers', listing(past, provider, admin));
    await sweeper.expectNone('patient:viewers', about(past));
    expect(outsider.received('patient:viewers')).toEqual([]);
    adminTab.close();
    await colleague.waitFor('patient:viewers', listing(past, provider));
  });

  it('bounds each socket on its own: another socket of the same person still views the chart', async () => {
    const secondTab = await nurse.connect();
    expect(await start(secondTab, past)).toMatchObject({ ok: true });
    await colleague.waitFor('patient:viewers', listing(past, provider, nurse));
    secondTab.close();
    await colleague.waitFor('patient:viewers', listing(past, provider));
  });

  it('takes no new place for a chart the socket already views: starting it again is harmless', async () => {
    expect(await start(sweeper, charts[0])).toEqual({
      ok: true,
      viewers: [expect.objectContaining({ userId: nurse.userId })],
    });
    expect(await auditedViews(charts[0], nurse)).toHaveLength(1);
    expect(await start(sweeper, past)).toEqual(TOO_MANY_VIEWS);
  });

  it('frees a place when a view stops', async () => {
    expect(await sweeper.command('patient:view-stop', { patientId: charts[0].id })).toMatchObject({ ok: true });
    expect(await start(sweeper, past)).toMatchObject({ ok: true });
    await colleague.waitFor('patient:viewers', listing(past, provider, nurse));
    expect((await auditedViews(past, nurse)).filter((view) => view.endedAt === undefined)).toHaveLength(1);

    expect(await start(sweeper, charts[0])).toEqual(TOO_MANY_VIEWS);
    expect(await auditedViews(charts[0], nurse)).toEqual([expect.objectContaining({ endedAt: expect.any(String) })]);
    expect(outsider.received('patient:viewers')).toEqual([]);
  });

  it('starts a recovered connection afresh: its dropped views hold no place', async () => {
    const credentials = sweeper.recoveryCredentials;
    await sweeper.dropTransport();
    // Its views ended: the server has seen the connection drop, and keeps its session to recover.
    await colleague.waitFor('patient:viewers', listing(past, provider));
    const recovered = await nurse.connect({ auth: credentials });
    expect(recovered.ready.recovered).toBe(true);

    // Two charts it did not view before it dropped, then ones it did.
    await startAll(recovered, [charts[0], charts[MAX + 1], past, ...charts.slice(1, MAX - 2)]);
    await colleague.waitFor('patient:viewers', listing(past, provider, nurse));
    expect(await start(recovered, charts[MAX - 2])).toEqual(TOO_MANY_VIEWS);
    recovered.close();
    await colleague.waitFor('patient:viewers', listing(past, provider));
  });

  it('starts a new connection afresh', async () => {
    const reconnected = await nurse.connect();
    await startAll(reconnected, charts.slice(0, MAX));
    expect(await start(reconnected, charts[MAX + 1])).toEqual(TOO_MANY_VIEWS);
    expect(await viewerIds(charts[MAX + 1])).toEqual([]);
    expect(outsider.received('patient:viewers')).toEqual([]);
  });
});
