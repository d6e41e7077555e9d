import { randomUUID } from 'node:crypto';
import {
  AlertSummary,
  DomainEvent,
  LabResultView,
  PatientSummary,
  PriorAuthView,
  TaskView,
} from '@derm/shared/contracts';
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
  let patientWithoutRecords: PatientSummary;
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
    [patient, patientWithoutRecords] = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
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

  it('tells a filed lab result and a prior authorization’s change to the provider’s live sessions only, not one signed out', async () => {
    const signedOut = await StaffSession.signIn(server.url, 'provider@riverside.test');
    const staleSocket = await signedOut.connect();
    expect((await signedOut.rest.post('/api/auth/logout')).status).toBeLessThan(300);
    await staleSocket.waitFor('session:expired');
    await staleSocket.disconnected();

    const testName = 'Wound culture after sign-out';
    const filed = await nurse.rest.post('/api/lab-results', {
      patientId: patient.id,
      orderingProviderId: provider.userId,
      testName,
    });
    const started = await nurse.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId: patient.id,
      providerId: provider.userId,
      procedure: 'Isotretinoin after sign-out',
    });
    expect([filed.status, started.status]).toEqual([201, 201]);
    expect((await nurse.rest.patch(`/api/prior-auths/${started.body.id}`, { status: 'submitted' })).status).toBe(200);

    const [nurseSocket, providerSocket, adminSocket, ...otherClinic] = sockets;
    const titles = [`Lab result ready: ${testName}`, 'Prior authorization submitted: Isotretinoin after sign-out'];
    for (const title of titles) {
      await providerSocket.waitFor('notification:new', (e) => e.data.notification.title === title);
    }
    // On connecting it was handed the alerts still awaiting the provider's acknowledgement; nothing since.
    const aboutThese = (e: DomainEvent<'notification:new'>) => titles.includes(e.data.notification.title);
    expect(staleSocket.received('notification:new').filter(aboutThese)).toEqual([]);
    for (const socket of [nurseSocket, adminSocket, ...otherClinic]) {
      await socket.expectNone('notification:new', aboutThese);
    }
  });

  describe('a patient’s lab results and prior authorizations (GET ?patientId=)', () => {
    const LISTINGS = ['/api/lab-results', '/api/prior-auths'] as const;
    type ErrorBody = { message: string };
    const listFor = (as: StaffSession, listing: string, patientId: string) =>
      as.rest.get<(LabResultView | PriorAuthView)[] & ErrorBody>(`${listing}?patientId=${patientId}`);

    it('lists the records of a patient of the caller’s clinic, and none for one without records', async () => {
      const filed = await nurse.rest.post<LabResultView>('/api/lab-results', {
        patientId: patient.id,
        orderingProviderId: provider.userId,
        testName: 'Patch test reading',
      });
      const started = await nurse.rest.post<PriorAuthView>('/api/prior-auths', {
        patientId: patient.id,
        providerId: provider.userId,
        procedure: 'Dupilumab',
      });
      expect([filed.status, started.status]).toEqual([201, 201]);
      for (const [listing, created] of [
        ['/api/lab-results', filed.body],
        ['/api/prior-auths', started.body],
      ] as const) {
        const listed = await listFor(nurse, listing, patient.id);
        expect(listed.status).toBe(200);
        expect(listed.body.map((record) => record.id)).toContain(created.id);
        expect(listed.body.every((record) => record.patientId === patient.id)).toBe(true);

        const none = await listFor(nurse, listing, patientWithoutRecords.id);
        expect([none.status, none.body]).toEqual([200, []]);
      }
    });

    it('answers 404 naming the patient, and no records, for another clinic’s patient or an unknown one', async () => {
      const filed = await nurse.rest.post('/api/lab-results', {
        patientId: patient.id,
        orderingProviderId: provider.userId,
        testName: 'Fungal culture',
      });
      expect(filed.status).toBe(201);
      const unknownId = randomUUID();
      for (const listing of LISTINGS) {
        for (const [as, patientId] of [
          [otherNurse, patient.id],
          [nurse, otherPatient.id],
          [nurse, unknownId],
        ] as const) {
          const refused = await listFor(as, listing, patientId);
          expect([listing, refused.status, refused.body.message]).toEqual([
            listing,
            404,
            `Patient ${patientId} not found`,
          ]);
          expect(Array.isArray(refused.body)).toBe(false);
        }
        expect((await listFor(nurse, listing, patient.id.toUpperCase())).status).toBe(400);
      }
    });

    it('answers 401, and no records, to a signed-out or deactivated identity', async () => {
      const signedOut = await StaffSession.signIn(server.url, 'nurse@riverside.test');
      expect((await signedOut.rest.post('/api/auth/logout')).status).toBeLessThan(300);
      const deactivated = await StaffSession.signIn(server.url, 'frontdesk@riverside.test');
      expect((await admin.rest.patch(`/api/staff/${deactivated.userId}`, { active: false })).status).toBe(200);
      try {
        for (const listing of LISTINGS) {
          for (const session of [signedOut, deactivated]) {
            const refused = await listFor(session, listing, patient.id);
            expect([listing, refused.status, Array.isArray(refused.body)]).toEqual([listing, 401, false]);
          }
        }
      } finally {
        expect((await admin.rest.patch(`/api/staff/${deactivated.userId}`, { active: true })).status).toBe(200);
        [signedOut, deactivated].forEach((session) => session.close());
      }
    });
  });
});
