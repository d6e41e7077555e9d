import { randomUUID } from 'node:crypto';
import { PatientSummary, PatientViewAuditEntry } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const FIREFOX_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0';
const EDGE_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70';

describe('chart-view audit: duration and a readable session label', () => {
  let server: ApiServer;
  let nurseAtDesk: StaffSession;
  let nurseOnLaptop: StaffSession;
  let admin: StaffSession;
  let provider: StaffSession;
  let otherAdmin: StaffSession;
  let patient: PatientSummary;

  const openChart = async (session: StaffSession, userAgent: string): Promise<RealtimeTestClient> => {
    const socket = await session.connect({ extraHeaders: { 'user-agent': userAgent } });
    expect(await socket.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    return socket;
  };

  beforeAll(async () => {
    server = await startApiServer();
    [nurseAtDesk, nurseOnLaptop, admin, provider, otherAdmin] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'admin@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'admin@lakeside.test'),
    ]);
    patient = (await admin.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [nurseAtDesk, nurseOnLaptop, admin, provider, otherAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('labels each view with its browser, system and sign-in, and times it once closed', async () => {
    const desk = await openChart(nurseAtDesk, FIREFOX_ON_MAC);
    const deskSecondTab = await openChart(nurseAtDesk, FIREFOX_ON_MAC);
    await openChart(nurseOnLaptop, EDGE_ON_WINDOWS);
    const socketIds = [desk.socket.id, deskSecondTab.socket.id];
    await desk.command('patient:view-stop', { patientId: patient.id });
    deskSecondTab.close();

    const query = `/api/audit/patient-views?patientId=${patient.id}&userId=${nurseAtDesk.userId}`;
    let views: PatientViewAuditEntry[] = [];
    await eventually(
      'both views of the desk have ended',
      async () => {
        views = (await admin.rest.get<PatientViewAuditEntry[]>(query)).body;
        return views.filter((view) => view.endedAt).length === 2;
      },
      3000,
    );
    expect(views).toHaveLength(3);
    const fromDesk = views.filter((view) => view.client === 'Firefox 133 on macOS');
    const fromLaptop = views.filter((view) => view.client === 'Edge 131 on Windows');
    expect(fromDesk).toHaveLength(2);
    expect(fromLaptop).toHaveLength(1);
    // Two tabs of one sign-in share a tag; another sign-in of the same person has its own.
    expect(fromDesk[0].session).toMatch(/^[0-9a-f]{8}$/);
    expect(fromDesk[1].session).toBe(fromDesk[0].session);
    expect(fromLaptop[0].session).not.toBe(fromDesk[0].session);
    for (const socketId of socketIds) expect(JSON.stringify(views)).not.toContain(socketId);
    // The desk's two views have ended (one stopped, one disconnected); the laptop's is still open.
    for (const view of fromDesk) {
      expect(view.durationSeconds).toBe(Math.round((Date.parse(view.endedAt!) - Date.parse(view.startedAt)) / 1000));
    }
    expect(fromLaptop[0]).not.toHaveProperty('endedAt');
    expect(fromLaptop[0]).not.toHaveProperty('durationSeconds');
  });

  it("shows nothing of it to a non-admin or to another clinic's admin", async () => {
    const query = `/api/audit/patient-views?patientId=${patient.id}`;
    const refused = await provider.rest.get<{ message: string }>(query);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toEqual(expect.any(String));
    const foreign = await otherAdmin.rest.get<{ message: string }>(query);
    expect(foreign).toMatchObject({ status: 404, body: { message: `Patient ${patient.id} not found` } });
    expect(JSON.stringify(foreign.body)).not.toContain(patient.displayName);
    expect(
      (await otherAdmin.rest.get<PatientViewAuditEntry[]>('/api/audit/patient-views')).body.map((view) => view.userId),
    ).not.toContain(nurseAtDesk.userId);
  });

  it("answers 404 for a patient or staff filter not of the admin's clinic, as the other routes' filters do", async () => {
    const [otherPatient] = (await otherAdmin.rest.get<PatientSummary[]>('/api/patients?limit=1')).body;
    const otherStaff = otherAdmin.userId;
    const unknownId = randomUUID();
    const refusals: [string, string][] = [
      [`patientId=${otherPatient.id}`, `Patient ${otherPatient.id} not found`],
      [`patientId=${unknownId}`, `Patient ${unknownId} not found`],
      [`userId=${otherStaff}`, `Staff member ${otherStaff} not found`],
      [`userId=${unknownId}`, `Staff member ${unknownId} not found`],
      // An own id beside a stranger's does not let it through.
      [`patientId=${patient.id}&userId=${otherStaff}`, `Staff member ${otherStaff} not found`],
      [`patientId=${otherPatient.id}&userId=${nurseAtDesk.userId}`, `Patient ${otherPatient.id} not found`],
    ];
    for (const [query, message] of refusals) {
      const response = await admin.rest.get<{ statusCode: number; message: string }>(
        `/api/audit/patient-views?${query}`,
      );
      expect({ query, status: response.status, body: response.body }).toEqual({
        query,
        status: 404,
        body: expect.objectContaining({ statusCode: 404, message }),
      });
    }
    // The lab results' patient filter answers the same id the same way.
    expect(await admin.rest.get(`/api/lab-results?patientId=${otherPatient.id}`)).toMatchObject({
      status: 404,
      body: { message: `Patient ${otherPatient.id} not found` },
    });

    // Each admin's own ids are answered, with their own clinic's views only.
    const own = await admin.rest.get<PatientViewAuditEntry[]>(
      `/api/audit/patient-views?patientId=${patient.id}&userId=${nurseAtDesk.userId}`,
    );
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body.every((view) => view.patientId === patient.id && view.userId === nurseAtDesk.userId)).toBe(true);
    const theirs = await otherAdmin.rest.get<PatientViewAuditEntry[]>(
      `/api/audit/patient-views?patientId=${otherPatient.id}&userId=${otherStaff}`,
    );
    expect(theirs).toMatchObject({ status: 200, body: [] });
  });
});
