import { randomUUID } from 'node:crypto';
import {
  AppointmentSummary,
  PatientRecordReadEntry,
  PatientSummary,
  PATIENT_LIST_READS,
  PriorAuthView,
} from '@derm/shared/contracts';
import { ApiServer, auditBack, auditFailing, RestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { startThread } from './support/conversations';
import { addColleaguesLike } from './support/extra-colleagues';

const AUDIT = '/api/audit/patient-record-reads';
const FIREFOX_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('patient record reads: who read which patient over REST, when and how', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let admin: StaffSession;
  let frontDesk: StaffSession;
  let otherAdmin: StaffSession;
  let provider: StaffSession;
  let otherNurse: StaffSession;
  let patients: PatientSummary[];
  let otherPatient: PatientSummary;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;
  /** Providers like the clinic's, each reading in one test only: their rows are that test's. */
  let readerEmails: string[];

  /** The rows an admin of the nurse's clinic reads for one patient, newest first. */
  const readsOf = async (patient: PatientSummary, as = admin): Promise<PatientRecordReadEntry[]> => {
    const response = await as.rest.get<PatientRecordReadEntry[]>(`${AUDIT}?patientId=${patient.id}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  /** The rows an admin of the clinic reads for one staff member, newest first. */
  const readsBy = async (userId: string, as = admin): Promise<PatientRecordReadEntry[]> => {
    const response = await as.rest.get<PatientRecordReadEntry[]>(`${AUDIT}?userId=${userId}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  /** Each path read by `as` with Firefox's user agent: the statuses answered. */
  const readAll = async (as: StaffSession, paths: readonly string[]): Promise<number[]> => {
    const statuses = [];
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${as.token}`, 'user-agent': FIREFOX_ON_MAC },
      });
      statuses.push(response.status);
    }
    return statuses;
  };
  /** The row of a read by `reader` through {@link readAll}: of `patient`, or of a list (no patient). */
  const readWithFirefox = (reader: StaffSession, read: string, patient?: PatientSummary) => ({
    userId: reader.userId,
    userName: expect.any(String),
    ...(patient ? { patientId: patient.id, patientName: patient.displayName } : {}),
    read,
    client: 'Firefox 133 on macOS',
    session: expect.stringMatching(/^[0-9a-f]{8}$/),
    at: expect.any(String),
  });
  const priorAuthFor = async (as: StaffSession, schedule: ClinicSchedule, patient: PatientSummary) => {
    const created = await as.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId: patient.id,
      providerId: schedule.provider.id,
      procedure: 'Biologic for psoriasis',
    });
    expect(created.status).toBe(201);
    return created.body;
  };
  const visitOf = (schedule: ClinicSchedule, patient: PatientSummary): Promise<AppointmentSummary> =>
    schedule.book(schedule.slotOn(FUTURE_DAY), { patientId: patient.id });

  beforeAll(async () => {
    // Each test reads many routes, and the admin reads the log after each: not a test of budgets.
    server = await startApiServer({ env: { REST_READ_POINTS: '1000' } });
    [nurse, admin, frontDesk, otherAdmin, provider, otherNurse] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'admin@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'admin@lakeside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
    ]);
    patients = (await admin.rest.get<PatientSummary[]>('/api/patients')).body;
    [otherPatient] = (await otherAdmin.rest.get<PatientSummary[]>('/api/patients?limit=1')).body;
    expect(patients.length).toBeGreaterThanOrEqual(5);
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherAdmin)]);
    readerEmails = await addColleaguesLike(server.database, 'provider@riverside.test', 2);
  });
  afterAll(async () => {
    [nurse, admin, frontDesk, otherAdmin, provider, otherNurse].forEach((session) => session?.close());
    await server?.dispose();
  });

  it("writes one row per read of a patient's summary, visits, conversations, lab results and prior authorizations, naming reader, patient and what was read", async () => {
    const patient = patients[0];
    const reads = [
      `/api/patients/${patient.id}`,
      `/api/patients/${patient.id}/appointments`,
      `/api/threads?patientId=${patient.id}`,
      `/api/lab-results?patientId=${patient.id}`,
      `/api/prior-auths?patientId=${patient.id}`,
    ];
    expect(await readAll(nurse, reads)).toEqual([200, 200, 200, 200, 200]);

    const rows = await readsOf(patient);
    expect(rows.map((row) => row.read).sort()).toEqual([
      'conversations',
      'lab-results',
      'prior-auths',
      'summary',
      'visits',
    ]);
    for (const row of rows) {
      expect(row).toEqual(readWithFirefox(nurse, row.read, patient));
      expect(JSON.stringify(row)).not.toContain(nurse.token);
    }
    expect(new Set(rows.map((row) => row.session)).size).toBe(1);
    // The conversations list without a patient is the caller's inbox, a row of its own (below).
    expect((await nurse.rest.get('/api/threads')).status).toBe(200);
    expect(await readsOf(patient)).toHaveLength(5);
  });

  it('writes one row without a patient per read of the patients list, which carries every patient it pages', async () => {
    const before = (await admin.rest.get<PatientRecordReadEntry[]>(`${AUDIT}?userId=${frontDesk.userId}`)).body;
    expect((await frontDesk.rest.get('/api/patients?q=a')).status).toBe(200);
    const after = (await admin.rest.get<PatientRecordReadEntry[]>(`${AUDIT}?userId=${frontDesk.userId}`)).body;
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ userId: frontDesk.userId, read: 'patient-list' });
    expect(after[0]).not.toHaveProperty('patientId');
    // It is no read of any one patient's record.
    for (const patient of patients) {
      expect((await readsOf(patient)).filter((row) => row.userId === frontDesk.userId)).toEqual([]);
    }
  });

  it('writes one row per read of a conversation, its messages, a visit, a prior authorization or the viewers of a chart, naming the patient its answer or thread is about', async () => {
    const patient = patients[4];
    const reader = await StaffSession.signIn(server.url, readerEmails[0]);
    try {
      const staffOnly = await startThread(reader, [nurse], { subject: 'Rota swap' });
      const about = await startThread(reader, [nurse], { patientId: patient.id, subject: 'Biopsy follow-up' });
      expect((await reader.rest.post(`/api/threads/${about.id}/messages`, { body: 'Biopsy booked' })).status).toBe(201);
      const visit = await visitOf(riverside, patient);
      const priorAuth = await priorAuthFor(frontDesk, riverside, patient);

      const statuses = await readAll(reader, [
        `/api/threads/${about.id}`,
        `/api/threads/${about.id}/messages`,
        `/api/threads/direct/${nurse.userId}`,
        `/api/appointments/${visit.id}`,
        `/api/prior-auths/${priorAuth.id}`,
        `/api/patients/${patient.id}/viewers`,
        // A conversation about no patient is staff talking among themselves: no patient's record.
        `/api/threads/${staffOnly.id}`,
        `/api/threads/${staffOnly.id}/messages`,
      ]);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);

      const rows = await readsBy(reader.userId);
      expect(rows.map((row) => row.read).sort()).toEqual([
        'chart-viewers',
        'conversation',
        'conversation',
        'messages',
        'prior-auth',
        'visit',
      ]);
      for (const row of rows) expect(row).toEqual(readWithFirefox(reader, row.read, patient));
      expect(await readsOf(patient)).toEqual(rows);

      const theirs = (await otherAdmin.rest.get<PatientRecordReadEntry[]>(AUDIT)).body;
      expect(JSON.stringify(theirs)).not.toContain(reader.userId);
      expect(JSON.stringify(theirs)).not.toContain(patient.id);
    } finally {
      reader.close();
    }
  });

  it("writes one row without a patient per page of the day's schedule, the clinic's lab results and prior authorizations, and the reader's inbox", async () => {
    const reader = await StaffSession.signIn(server.url, readerEmails[1]);
    try {
      await visitOf(riverside, patients[4]);
      const statuses = await readAll(reader, [
        `/api/appointments?date=${FUTURE_DAY}`,
        '/api/lab-results',
        '/api/prior-auths',
        '/api/threads',
      ]);
      expect(statuses).toEqual([200, 200, 200, 200]);

      const rows = await readsBy(reader.userId);
      expect(rows.map((row) => row.read).sort()).toEqual(['inbox', 'lab-result-list', 'prior-auth-list', 'schedule']);
      for (const row of rows) expect(row).toEqual(readWithFirefox(reader, row.read));
      // No read of any one patient's record.
      for (const patient of patients) {
        expect((await readsOf(patient)).filter((row) => row.userId === reader.userId)).toEqual([]);
      }
      const theirs = (await otherAdmin.rest.get<PatientRecordReadEntry[]>(AUDIT)).body;
      expect(theirs.map((row) => row.userId)).not.toContain(reader.userId);
    } finally {
      reader.close();
    }
  });

  it('shows the rows only to a colleague with the permission, only in their clinic', async () => {
    const patient = patients[1];
    expect((await nurse.rest.get(`/api/patients/${patient.id}`)).status).toBe(200);
    expect((await readsOf(patient)).map((row) => row.userId)).toEqual([nurse.userId]);

    for (const colleague of [nurse, frontDesk]) {
      const refused = await colleague.rest.get<{ message: string }>(`${AUDIT}?patientId=${patient.id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('audit:read-record-reads');
      expect(JSON.stringify(refused.body)).not.toContain(nurse.userId);
    }
    const anonymous = await new RestClient(server.url).get<{ message: string }>(AUDIT);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toEqual(expect.any(String));

    const foreign = await otherAdmin.rest.get<{ message: string }>(`${AUDIT}?patientId=${patient.id}`);
    expect(foreign).toMatchObject({ status: 404, body: { message: `Patient ${patient.id} not found` } });
    const foreignUser = await otherAdmin.rest.get<{ message: string }>(`${AUDIT}?userId=${nurse.userId}`);
    expect(foreignUser).toMatchObject({ status: 404, body: { message: `Staff member ${nurse.userId} not found` } });
    const theirs = (await otherAdmin.rest.get<PatientRecordReadEntry[]>(AUDIT)).body;
    expect(theirs.map((row) => row.userId)).not.toContain(nurse.userId);
    expect(JSON.stringify(theirs)).not.toContain(patient.id);
  });

  it("writes nothing for a read refused: another clinic's patient, thread, visit or prior authorization, an unknown one, a bad id, a thread the reader is not in, no token", async () => {
    const theirThread = await startThread(otherNurse, [otherAdmin], { patientId: otherPatient.id });
    const theirVisit = await visitOf(lakeside, otherPatient);
    const theirPriorAuth = await priorAuthFor(otherAdmin, lakeside, otherPatient);
    const notHers = await startThread(nurse, [provider], { patientId: patients[2].id });
    const ours = { thread: notHers, visit: await visitOf(riverside, patients[2]) };
    const nurseListReads = async () =>
      (await readsBy(nurse.userId)).filter((row) => PATIENT_LIST_READS.some((read) => read === row.read));
    const nurseListReadsBefore = await nurseListReads();
    const refusals = [
      [nurse.rest, `/api/threads/${theirThread.id}`, 404],
      [nurse.rest, `/api/threads/${theirThread.id}/messages`, 404],
      [nurse.rest, `/api/threads/direct/${otherNurse.userId}`, 404],
      [nurse.rest, `/api/appointments/${theirVisit.id}`, 404],
      [nurse.rest, `/api/prior-auths/${theirPriorAuth.id}`, 404],
      [nurse.rest, `/api/patients/${otherPatient.id}/viewers`, 404],
      [nurse.rest, `/api/appointments/${randomUUID()}`, 404],
      [nurse.rest, `/api/prior-auths/${randomUUID()}`, 404],
      [nurse.rest, `/api/threads/${randomUUID()}`, 404],
      [frontDesk.rest, `/api/threads/${ours.thread.id}`, 403],
      [frontDesk.rest, `/api/threads/${ours.thread.id}/messages`, 403],
      [nurse.rest, '/api/appointments?date=not-a-day', 400],
      [new RestClient(server.url), `/api/appointments/${ours.visit.id}`, 401],
      [new RestClient(server.url), `/api/threads/${ours.thread.id}/messages`, 401],
      [new RestClient(server.url), '/api/lab-results', 401],
      [nurse.rest, `/api/patients/${otherPatient.id}`, 404],
      [nurse.rest, `/api/patients/${otherPatient.id}/appointments`, 404],
      [nurse.rest, `/api/threads?patientId=${otherPatient.id}`, 404],
      [nurse.rest, `/api/lab-results?patientId=${otherPatient.id}`, 404],
      [nurse.rest, `/api/prior-auths?patientId=${otherPatient.id}`, 404],
      [nurse.rest, `/api/patients/${randomUUID()}`, 404],
      [nurse.rest, '/api/patients/not-a-uuid', 400],
      [new RestClient(server.url), `/api/patients/${patients[2].id}`, 401],
    ] as const;
    for (const [client, path, status] of refusals)
      expect({ path, status: (await client.get(path)).status }).toEqual({ path, status });

    expect(await readsOf(patients[2])).toEqual([]);
    expect((await readsBy(frontDesk.userId)).filter((row) => row.read !== 'patient-list')).toEqual([]);
    expect(await nurseListReads()).toEqual(nurseListReadsBefore);
    for (const as of [admin, otherAdmin]) {
      const rows = (await as.rest.get<PatientRecordReadEntry[]>(AUDIT)).body;
      expect(rows.filter((row) => row.patientId === otherPatient.id || row.patientId === patients[2].id)).toEqual([]);
    }
    expect((await otherAdmin.rest.get<PatientRecordReadEntry[]>(`${AUDIT}?patientId=${otherPatient.id}`)).body).toEqual(
      [],
    );
  });

  it("writes nothing for a signed-out session's or a deactivated account's token", async () => {
    const patient = patients[3];
    const thread = await startThread(nurse, [provider], { patientId: patient.id });
    const visit = await visitOf(riverside, patient);
    const priorAuth = await priorAuthFor(frontDesk, riverside, patient);
    const nurseRowsWithoutPatient = async () => (await readsBy(nurse.userId)).filter((row) => !row.patientId);
    const nurseRowsWithoutPatientBefore = await nurseRowsWithoutPatient();
    const signedOut = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    expect((await signedOut.rest.post('/api/auth/logout')).status).toBe(204);
    const [extraEmail] = await addColleaguesLike(server.database, 'nurse@riverside.test', 1);
    const deactivated = await StaffSession.signIn(server.url, extraEmail);
    expect((await admin.rest.patch(`/api/staff/${deactivated.userId}`, { active: false })).status).toBe(200);
    try {
      for (const session of [signedOut, deactivated]) {
        expect((await session.rest.get(`/api/patients/${patient.id}`)).status).toBe(401);
        expect((await session.rest.get(`/api/patients/${patient.id}/appointments`)).status).toBe(401);
        const reads = [
          `/api/threads/${thread.id}`,
          `/api/threads/${thread.id}/messages`,
          `/api/appointments/${visit.id}`,
          `/api/prior-auths/${priorAuth.id}`,
          `/api/patients/${patient.id}/viewers`,
          `/api/appointments?date=${FUTURE_DAY}`,
          '/api/lab-results',
          '/api/prior-auths',
          '/api/threads',
        ];
        for (const path of reads)
          expect({ path, status: (await session.rest.get(path)).status }).toEqual({ path, status: 401 });
      }
      expect(await readsOf(patient)).toEqual([]);
      expect(await readsBy(deactivated.userId)).toEqual([]);
      expect(await nurseRowsWithoutPatient()).toEqual(nurseRowsWithoutPatientBefore);
    } finally {
      [signedOut, deactivated].forEach((session) => session.close());
    }
  });

  it('refuses a read it cannot record, with a 503 that sends nothing of the record, and records again once back', async () => {
    const patient = patients[0];
    const thread = await startThread(nurse, [provider], { patientId: patient.id });
    expect((await provider.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Margins clear' })).status).toBe(
      201,
    );
    const priorAuth = await priorAuthFor(frontDesk, riverside, patient);
    const reads = [
      `/api/patients/${patient.id}`,
      `/api/prior-auths/${priorAuth.id}`,
      `/api/threads/${thread.id}`,
      `/api/threads/${thread.id}/messages`,
    ];
    const before = (await readsOf(patient)).length;
    await auditFailing(server.database, 'INSERT', 'patient_record_reads');
    try {
      for (const path of reads) {
        const refused = await nurse.rest.get<{ message: string }>(path);
        expect({ path, status: refused.status }).toEqual({ path, status: 503 });
        expect(refused.body.message).toMatch(/could not be recorded/);
        for (const secret of [patient.mrn, patient.displayName, 'Biologic', 'Margins clear'])
          expect(JSON.stringify(refused.body)).not.toContain(secret);
      }
    } finally {
      await auditBack(server.database, 'patient_record_reads');
    }
    for (const path of reads)
      expect({ path, status: (await nurse.rest.get(path)).status }).toEqual({ path, status: 200 });
    expect(await readsOf(patient)).toHaveLength(before + reads.length);
  });
});
