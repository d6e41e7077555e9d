import { addDays, AppointmentSummary } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';

describe("a patient's visits (GET /api/patients/:id/appointments)", () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let riverside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'admin@lakeside.test'),
    ]);
    riverside = await ClinicSchedule.of(frontDesk);
  });
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  const visitsOf = (session: StaffSession, patientId: string) =>
    session.rest.get<AppointmentSummary[]>(`/api/patients/${patientId}/appointments`);

  it("lists one patient's visits from the start of the clinic's today, earliest first, cancelled ones too", async () => {
    const [patient, other] = riverside.patients;
    const more = { patientId: patient.id };
    const yesterday = await riverside.book(riverside.slotOn(riverside.yesterday()), { ...more, confirmPast: true });
    const today = await riverside.bookToday(more);
    const later = await riverside.book(riverside.slotOn(addDays(FUTURE_DAY, 1)), more);
    const sooner = await riverside.book(riverside.slotOn(FUTURE_DAY), more);
    expect((await frontDesk.rest.post(`/api/appointments/${sooner.id}/cancel`, {})).status).toBe(200);
    const someoneElse = await riverside.book(riverside.slotOn(FUTURE_DAY), { patientId: other.id });

    const { status, body } = await visitsOf(nurse, patient.id);
    expect(status).toBe(200);
    const ids = body.map((visit) => visit.id);
    expect(ids).not.toContain(yesterday.id);
    expect(ids).not.toContain(someoneElse.id);
    expect(ids.filter((id) => [today.id, sooner.id, later.id].includes(id))).toEqual([today.id, sooner.id, later.id]);
    expect(body.every((visit) => visit.patientId === patient.id)).toBe(true);
    expect(body.map((visit) => visit.startsAt)).toEqual(body.map((visit) => visit.startsAt).sort());
    expect(body.find((visit) => visit.id === sooner.id)?.status).toBe('cancelled');
  });

  it("finds nothing of another clinic's patient, as if it did not exist", async () => {
    const [patient] = riverside.patients;
    await riverside.book(riverside.slotOn(FUTURE_DAY), { patientId: patient.id });
    const theirs = await visitsOf(otherClinic, patient.id);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect((await visitsOf(nurse, '8f0c6c4e-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses a malformed patient id, and a request without a session', async () => {
    expect((await visitsOf(nurse, 'not-a-patient')).status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/patients/${riverside.patients[0].id}/appointments`);
    expect(anonymous.status).toBe(401);
  });
});
