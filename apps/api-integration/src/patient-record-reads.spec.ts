import { randomUUID } from 'node:crypto';
import { PatientRecordReadEntry, PatientSummary } from '@derm/shared/contracts';
import { ApiServer, auditBack, auditFailing, RestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { addColleaguesLike } from './support/extra-colleagues';

const AUDIT = '/api/audit/patient-record-reads';
const FIREFOX_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('patient record reads: who read which patient over REST, when and how', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let admin: StaffSession;
  let frontDesk: StaffSession;
  let otherAdmin: StaffSession;
  let patients: PatientSummary[];
  let otherPatient: PatientSummary;

  /** The rows an admin of the nurse's clinic reads for one patient, newest first. */
  const readsOf = async (patient: PatientSummary, as = admin): Promise<PatientRecordReadEntry[]> => {
    const response = await as.rest.get<PatientRecordReadEntry[]>(`${AUDIT}?patientId=${patient.id}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, admin, frontDesk, otherAdmin] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'admin@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'admin@lakeside.test'),
    ]);
    patients = (await admin.rest.get<PatientSummary[]>('/api/patients')).body;
    [otherPatient] = (await otherAdmin.rest.get<PatientSummary[]>('/api/patients?limit=1')).body;
    expect(patients.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    [nurse, admin, frontDesk, otherAdmin].forEach((session) => session?.close());
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
    const answers = [];
    for (const path of reads) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${nurse.token}`, 'user-agent': FIREFOX_ON_MAC },
      });
      answers.push(response.status);
    }
    expect(answers).toEqual([200, 200, 200, 200, 200]);

    const rows = await readsOf(patient);
    expect(rows.map((row) => row.read).sort()).toEqual([
      'conversations',
      'lab-results',
      'prior-auths',
      'summary',
      'visits',
    ]);
    for (const row of rows) {
      expect(row).toEqual({
        userId: nurse.userId,
        userName: expect.any(String),
        patientId: patient.id,
        patientName: patient.displayName,
        read: row.read,
        client: 'Firefox 133 on macOS',
        session: expect.stringMatching(/^[0-9a-f]{8}$/),
        at: expect.any(String),
      });
      expect(JSON.stringify(row)).not.toContain(nurse.token);
    }
    expect(new Set(rows.map((row) => row.session)).size).toBe(1);
    // The conversations list without a patient is the caller's inbox, not a patient's record.
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

  it("writes nothing for a read refused: another clinic's patient, an unknown one, a bad id, no token", async () => {
    const refusals = [
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
    const signedOut = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    expect((await signedOut.rest.post('/api/auth/logout')).status).toBe(204);
    const [extraEmail] = await addColleaguesLike(server.database, 'nurse@riverside.test', 1);
    const deactivated = await StaffSession.signIn(server.url, extraEmail);
    expect((await admin.rest.patch(`/api/staff/${deactivated.userId}`, { active: false })).status).toBe(200);
    try {
      for (const session of [signedOut, deactivated]) {
        expect((await session.rest.get(`/api/patients/${patient.id}`)).status).toBe(401);
        expect((await session.rest.get(`/api/patients/${patient.id}/appointments`)).status).toBe(401);
      }
      expect(await readsOf(patient)).toEqual([]);
    } finally {
      [signedOut, deactivated].forEach((session) => session.close());
    }
  });

  it('refuses a read it cannot record, with a 503 that sends nothing of the record, and records again once back', async () => {
    const patient = patients[0];
    const before = (await readsOf(patient)).length;
    await auditFailing(server.database, 'INSERT', 'patient_record_reads');
    try {
      const refused = await nurse.rest.get<{ message: string }>(`/api/patients/${patient.id}`);
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/could not be recorded/);
      expect(JSON.stringify(refused.body)).not.toContain(patient.mrn);
      expect(JSON.stringify(refused.body)).not.toContain(patient.displayName);
    } finally {
      await auditBack(server.database, 'patient_record_reads');
    }
    expect((await nurse.rest.get(`/api/patients/${patient.id}`)).status).toBe(200);
    expect(await readsOf(patient)).toHaveLength(before + 1);
  });
});
