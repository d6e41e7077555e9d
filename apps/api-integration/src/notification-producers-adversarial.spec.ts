import { AlertSummary, LabResultView, PatientSummary, PriorAuthView, TaskView } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

/**
 * The producers' creates with the ids of another clinic: each is 404, stores nothing and tells
 * no one, in either clinic; what one clinic filed stays out of the other's reach by id.
 */
describe('notification producers: the ids of another clinic', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let otherNurse: StaffSession;
  let otherProvider: StaffSession;
  let sockets: RealtimeTestClient[];
  let patient: PatientSummary;
  let otherPatient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, admin, otherNurse, otherProvider] = await Promise.all(
      [
        'nurse@riverside.test',
        'provider@riverside.test',
        'admin@riverside.test',
        'nurse@lakeside.test',
        'provider@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    sockets = await Promise.all(
      [nurse, provider, admin, otherNurse, otherProvider].map((session) => session.connect()),
    );
    [patient] = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
    [otherPatient] = (await otherNurse.rest.get<PatientSummary[]>('/api/patients')).body;
  });
  afterAll(async () => {
    [nurse, provider, admin, otherNurse, otherProvider].forEach((session) => session?.close());
    await server?.dispose();
  });

  /** No socket of either clinic has heard a notice. */
  const nobodyTold = async () => {
    for (const socket of sockets) await socket.expectNone('notification:new');
  };

  /** Who files, for which patient and provider: one of them, at least, of the other clinic. */
  const strangers = () =>
    [
      [nurse, otherPatient.id, provider.userId],
      [nurse, patient.id, otherProvider.userId],
      [otherNurse, patient.id, otherProvider.userId],
    ] as const;

  it('refuses a lab result for a patient or ordering provider of another clinic, filing and telling nothing', async () => {
    const marker = 'Biopsy across clinics';
    for (const [as, patientId, orderingProviderId] of strangers()) {
      const refused = await as.rest.post<{ message: string }>('/api/lab-results', {
        patientId,
        orderingProviderId,
        testName: marker,
      });
      expect([refused.status, refused.body.message]).toEqual([404, expect.stringContaining('not found')]);
    }
    for (const [as, mine] of [
      [nurse, patient],
      [otherNurse, otherPatient],
    ] as const) {
      const filed = (await as.rest.get<LabResultView[]>(`/api/lab-results?patientId=${mine.id}`)).body;
      expect(filed.filter((result) => result.testName === marker)).toEqual([]);
    }
    await nobodyTold();
  });

  it('refuses a prior authorization for a patient or provider of another clinic, and keeps each clinic’s out of the other’s reach', async () => {
    const procedure = 'Mohs across clinics';
    for (const [as, patientId, providerId] of strangers()) {
      expect((await as.rest.post('/api/prior-auths', { patientId, providerId, procedure })).status).toBe(404);
    }
    const mine = await nurse.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId: patient.id,
      providerId: provider.userId,
      procedure,
    });
    expect(mine.status).toBe(201);
    expect((await otherNurse.rest.get(`/api/prior-auths/${mine.body.id}`)).status).toBe(404);
    expect((await otherNurse.rest.patch(`/api/prior-auths/${mine.body.id}`, { status: 'submitted' })).status).toBe(404);
    const theirs = (await otherNurse.rest.get<PriorAuthView[]>('/api/prior-auths')).body;
    expect(theirs.map((request) => request.procedure)).not.toContain(procedure);
    expect((await nurse.rest.get<PriorAuthView>(`/api/prior-auths/${mine.body.id}`)).body.status).toBe('draft');
    await nobodyTold();
  });

  it('refuses a task for a colleague or patient of another clinic, and an alert to anyone of it, telling no one', async () => {
    const title = 'Call back across clinics';
    for (const body of [
      { assigneeId: otherNurse.userId, title },
      { assigneeId: provider.userId, title, patientId: otherPatient.id },
    ]) {
      expect((await nurse.rest.post('/api/tasks', body)).status).toBe(404);
    }
    const alert = await nurse.rest.post('/api/alerts', {
      title,
      to: { userIds: [provider.userId, otherNurse.userId] },
    });
    expect(alert.status).toBe(404);
    for (const session of [provider, otherNurse]) {
      const tasks = (await session.rest.get<TaskView[]>('/api/tasks')).body;
      expect(tasks.map((task) => task.title)).not.toContain(title);
    }
    const alerts = (await admin.rest.get<AlertSummary[]>('/api/alerts')).body;
    expect(alerts.map((sent) => sent.title)).not.toContain(title);
    await nobodyTold();
    for (const socket of sockets) await socket.expectNone('alert:sent');
  });

  it('answers another clinic’s alert as not found, and tells its sender and admins nothing of the attempt', async () => {
    const sent = await nurse.rest.post<AlertSummary>('/api/alerts', {
      title: 'Room 2 needs a hand',
      to: { userIds: [provider.userId] },
    });
    expect(sent.status).toBe(201);
    const [nurseSocket, providerSocket, adminSocket, ...otherClinic] = sockets;
    for (const watcher of [nurseSocket, adminSocket]) {
      await watcher.waitFor('alert:sent', (e) => e.data.alert.id === sent.body.id);
    }
    await providerSocket.waitFor('notification:new', (e) => e.data.notification.title === 'Room 2 needs a hand');
    await providerSocket.expectNone('alert:sent');
    for (const socket of otherClinic) {
      await socket.expectNone('alert:sent');
      await socket.expectNone('notification:new');
    }
    expect((await otherNurse.rest.get(`/api/alerts/${sent.body.id}`)).status).toBe(404);
  });
});
