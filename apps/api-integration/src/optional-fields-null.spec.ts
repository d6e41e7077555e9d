import { AppointmentSummary, TaskView } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';

/**
 * An optional field sent as `null` reads as left out (docs/security.md), unlike a field whose
 * column cannot be empty (a role, an account's state: staff-accounts.spec.ts refuses those).
 */
describe('optional fields sent as null', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;
  let riverside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, provider, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'provider@riverside.test', 'frontdesk@lakeside.test'].map(
        (email) => StaffSession.signIn(server.url, email),
      ),
    );
    riverside = await ClinicSchedule.of(frontDesk);
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('a change of a booking naming null times, provider and type keeps them as booked', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const change = { startsAt: null, endsAt: null, providerId: null, type: null };
    const answer = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${booked.id}`, change);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(booked);
    expect((await otherClinic.rest.patch(`/api/appointments/${booked.id}`, change)).status).toBe(404);
  });

  it('a task naming a null patient names none', async () => {
    const task = { assigneeId: provider.userId, title: 'Call back about the biopsy', patientId: null };
    const answer = await nurse.rest.post<TaskView>('/api/tasks', task);
    expect(answer.status).toBe(201);
    expect(answer.body.title).toBe(task.title);
    expect(answer.body).not.toHaveProperty('patientId');
  });
});
