import { randomUUID } from 'node:crypto';
import { PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ErrorBody, startThread } from './support/conversations';

describe("the caller's conversations about a patient (GET /api/threads?patientId=)", () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let otherClinic: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let anotherPatient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, frontDesk, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@riverside.test', 'nurse@lakeside.test'].map(
        (email) => StaffSession.signIn(server.url, email),
      ),
    );
    nurseSocket = await nurse.connect();
    // Patients of no demo conversation: the demo's is about the clinic's first patient.
    const patients = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
    const named = (name: string) => patients.find((p) => p.displayName === name)!;
    [patient, anotherPatient] = [named('Marco Bellini'), named('Lena Fischer')];
  });
  afterAll(async () => {
    [nurse, provider, frontDesk, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const start = (from: StaffSession, others: StaffSession[], patientId?: string) =>
    startThread(from, others, patientId ? { patientId } : {});
  const aboutPatient = (as: StaffSession, patientId: string) =>
    as.rest.get<ThreadSummary[] & ErrorBody>(`/api/threads?patientId=${patientId}`);
  /** One thread at a time, following X-Next-Cursor (which the REST client does not show). */
  const pageAboutPatient = async (as: StaffSession, patientId: string, cursor?: string) => {
    const params = new URLSearchParams({ patientId, limit: '1', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${server.url}/api/threads?${params}`, {
      headers: { authorization: `Bearer ${as.token}` },
    });
    expect(response.status).toBe(200);
    const threads = (await response.json()) as ThreadSummary[];
    return { ids: threads.map((thread) => thread.id), nextCursor: response.headers.get('x-next-cursor') };
  };

  it("lists only the caller's own threads about that patient, latest activity first, a page at a time", async () => {
    const older = await start(frontDesk, [nurse], patient.id);
    const mine = await start(nurse, [provider], patient.id);
    const otherPatients = await start(nurse, [provider], anotherPatient.id);
    const noPatient = await start(nurse, [frontDesk]);
    const colleagues = await start(provider, [frontDesk], patient.id);
    const posted = await provider.rest.post(`/api/threads/${mine.id}/messages`, { body: 'Biopsy booked' });
    expect(posted.status).toBe(201);
    await nurseSocket.waitFor('message:unread-count', (count) => count.byThread[mine.id] === 1);

    const { status, body } = await aboutPatient(nurse, patient.id);
    expect(status).toBe(200);
    const ids = body.map((thread) => thread.id);
    expect(ids).toEqual([mine.id, older.id]);
    expect(ids).not.toContain(colleagues.id);
    expect(ids).not.toContain(otherPatients.id);
    expect(ids).not.toContain(noPatient.id);
    expect(body[0]).toEqual((await nurse.rest.get<ThreadSummary>(`/api/threads/${mine.id}`)).body);
    expect(body[0]).toMatchObject({ patientId: patient.id, unread: 1, lastMessage: { body: 'Biopsy booked' } });

    const firstPage = await pageAboutPatient(nurse, patient.id);
    expect(firstPage.ids).toEqual([mine.id]);
    expect(firstPage.nextCursor).toBeTruthy();
    const secondPage = await pageAboutPatient(nurse, patient.id, firstPage.nextCursor!);
    expect(secondPage).toEqual({ ids: [older.id], nextCursor: null });

    // The colleague's thread is theirs to see, not the nurse's.
    expect((await aboutPatient(provider, patient.id)).body.map((thread) => thread.id)).toEqual([
      mine.id,
      colleagues.id,
    ]);
  });

  it("finds nothing of another clinic's patient, as if it did not exist, and refuses a malformed id", async () => {
    await start(nurse, [provider], patient.id);
    const theirs = await aboutPatient(otherClinic, patient.id);
    expect(theirs.status).toBe(404);
    expect(theirs.body.message).toBe(`Patient ${patient.id} not found`);
    const unknownId = randomUUID();
    expect((await aboutPatient(nurse, unknownId)).status).toBe(404);

    for (const id of ['not-a-patient', `${patient.id}x`]) {
      const nonsense = await aboutPatient(nurse, id);
      expect(nonsense.status).toBe(400);
      expect(nonsense.body).toMatchObject({ fields: { patientId: ['patientId must be a lower-case UUID'] } });
    }
  });
});
