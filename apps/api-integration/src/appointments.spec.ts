import { AppointmentStateError, AppointmentSummary, DomainEvent } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, RestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { APPOINTMENT_EVENTS, ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';

describe('appointments, live', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;
  let deskSocket: RealtimeTestClient;
  let nurseTabs: RealtimeTestClient[];
  let otherSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, provider, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
    deskSocket = await frontDesk.connect();
    nurseTabs = [await nurse.connect(), await nurse.connect()];
    otherSocket = await otherClinic.connect();
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  /** Once the other clinic hears of its own new booking, it has been sent none of Riverside's events. */
  const expectOtherClinicHeardNothing = async () => {
    await lakeside.barrier(otherSocket);
    for (const event of APPOINTMENT_EVENTS) {
      const foreign = otherSocket.received(event).filter((e) => 'tenantId' in e && e.tenantId !== otherClinic.tenantId);
      expect(foreign).toEqual([]);
    }
  };

  it("lists today's demo schedule of the caller's clinic only", async () => {
    const mine = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.today()}`);
    const theirs = await otherClinic.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.today()}`);
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(0);
    const mineIds = new Set(mine.body.map((a) => a.id));
    expect(theirs.body.some((a) => mineIds.has(a.id))).toBe(false);
  });

  it('sends appointment:created in the envelope to every socket of the clinic, and none elsewhere', async () => {
    const appointment = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const isIt = (e: DomainEvent<'appointment:created'>) => e.data.appointment.id === appointment.id;
    const received = await Promise.all([deskSocket, ...nurseTabs].map((s) => s.waitFor('appointment:created', isIt)));
    for (const event of received) {
      expect(event).toEqual({
        id: expect.any(String),
        type: 'appointment:created',
        tenantId: frontDesk.tenantId,
        occurredAt: expect.any(String),
        actor: { id: frontDesk.userId, name: frontDesk.login.user.name },
        data: { appointment },
      });
    }
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
    await expectOtherClinicHeardNothing();
  });

  it('announces a check-in, and a cancellation with its reason, which the row keeps too', async () => {
    const appointment = await riverside.bookToday();
    const checkIn = await nurse.rest.post<AppointmentSummary>(`/api/appointments/${appointment.id}/check-in`);
    expect(checkIn.body.status).toBe('checked-in');
    const checkedIn = await deskSocket.waitFor(
      'appointment:checked-in',
      (e) => e.data.appointmentId === appointment.id,
    );
    expect(checkedIn.data).toEqual({
      appointmentId: appointment.id,
      version: appointment.version + 1,
      patientId: riverside.patients[0].id,
      checkedInAt: checkIn.body.checkedInAt,
    });
    expect(checkIn.body.version).toBe(appointment.version + 1);
    expect(checkedIn.actor?.id).toBe(nurse.userId);

    const second = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const cancel = await frontDesk.rest.post<AppointmentSummary>(`/api/appointments/${second.id}/cancel`, {
      reason: 'Patient called',
    });
    expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: 'Patient called' });
    const cancelled = await nurseTabs[1].waitFor('appointment:cancelled', (e) => e.data.appointmentId === second.id);
    expect(cancelled.data).toEqual({
      appointmentId: second.id,
      version: cancel.body.version,
      reason: 'Patient called',
    });
    expect(cancel.body.version).toBe(second.version + 1);
    const listed = await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${FUTURE_DAY}`);
    expect(listed.body.find((a) => a.id === second.id)?.cancelReason).toBe('Patient called');

    await expectOtherClinicHeardNothing();
  });

  it('announces a reschedule as an update with the fields that moved', async () => {
    const appointment = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const moved = riverside.slotOn(FUTURE_DAY);
    const response = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${appointment.id}`, moved);
    expect(response.status).toBe(200);
    const updated = await nurseTabs[0].waitFor('appointment:updated', (e) => e.data.appointment.id === appointment.id);
    expect(updated.data.changes.sort()).toEqual(['endsAt', 'startsAt']);
    expect(updated.data.appointment).toMatchObject(moved);
    await expectOtherClinicHeardNothing();
  });

  it('announces a completed visit and a no-show to every socket of the clinic, and none elsewhere', async () => {
    const visit = await riverside.bookToday();
    expect((await nurse.rest.post(`/api/appointments/${visit.id}/check-in`)).status).toBe(200);
    const completed = await provider.rest.post<AppointmentSummary>(`/api/appointments/${visit.id}/complete`);
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('completed');
    const heardCompleted = await Promise.all(
      [deskSocket, ...nurseTabs].map((s) =>
        s.waitFor('appointment:completed', (e) => e.data.appointmentId === visit.id),
      ),
    );
    for (const event of heardCompleted) {
      expect(event).toMatchObject({
        type: 'appointment:completed',
        tenantId: frontDesk.tenantId,
        actor: { id: provider.userId },
        data: { appointmentId: visit.id, version: completed.body.version, completedAt: expect.any(String) },
      });
    }

    const missed = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    const noShow = await frontDesk.rest.post<AppointmentSummary>(`/api/appointments/${missed.id}/no-show`);
    expect(noShow.status).toBe(200);
    expect(noShow.body.status).toBe('no-show');
    const heardNoShow = await nurseTabs[0].waitFor('appointment:no-show', (e) => e.data.appointmentId === missed.id);
    expect(heardNoShow.data).toEqual({
      appointmentId: missed.id,
      version: missed.version + 1,
      patientId: missed.patientId,
      markedAt: expect.any(String),
    });
    expect(heardNoShow.actor?.id).toBe(frontDesk.userId);

    const day = await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.today()}`);
    expect(day.body.find((a) => a.id === visit.id)?.status).toBe('completed');
    await expectOtherClinicHeardNothing();
  });

  it('refuses completing or marking a no-show to a role without the permission (403), changing and sending nothing', async () => {
    const visit = await riverside.bookToday();
    expect((await nurse.rest.post(`/api/appointments/${visit.id}/check-in`)).status).toBe(200);
    const byDesk = await frontDesk.rest.post<{ message: string }>(`/api/appointments/${visit.id}/complete`);
    expect(byDesk.status).toBe(403);
    expect(byDesk.body.message).toContain('appointment:complete');

    const missed = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    const byProvider = await provider.rest.post<{ message: string }>(`/api/appointments/${missed.id}/no-show`);
    expect(byProvider.status).toBe(403);
    expect(byProvider.body.message).toContain('appointment:mark-no-show');

    await riverside.barrier(deskSocket);
    expect(deskSocket.received('appointment:completed').filter((e) => e.data.appointmentId === visit.id)).toEqual([]);
    expect(deskSocket.received('appointment:no-show').filter((e) => e.data.appointmentId === missed.id)).toEqual([]);
    const today = await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.today()}`);
    expect(today.body.find((a) => a.id === visit.id)?.status).toBe('checked-in');
    const yesterday = await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.yesterday()}`);
    expect(yesterday.body.find((a) => a.id === missed.id)?.status).toBe('scheduled');
  });

  it('refuses a change the visit as it is now does not allow (409) with the visit, to its own clinic only', async () => {
    const visit = await riverside.bookToday();
    const checkedIn = await nurse.rest.post<AppointmentSummary>(`/api/appointments/${visit.id}/check-in`);
    expect(checkedIn.status).toBe(200);

    // A tab that missed the nurse's check-in learns from the refusal what the visit is now.
    const again = await frontDesk.rest.post<AppointmentStateError>(`/api/appointments/${visit.id}/check-in`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      statusCode: 409,
      message: 'A checked-in appointment cannot be checked in',
      appointment: checkedIn.body,
    });
    const scheduled = await riverside.bookToday();
    const early = await provider.rest.post<AppointmentStateError>(`/api/appointments/${scheduled.id}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.appointment).toEqual(scheduled);
    const later = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const notToday = await nurse.rest.post<AppointmentStateError>(`/api/appointments/${later.id}/check-in`);
    expect(notToday.status).toBe(409);
    expect(notToday.body.message).toContain('it can be checked in on that day only');
    expect(notToday.body.appointment).toEqual(later);

    // Another clinic is told the visit does not exist, and nothing of it.
    const foreign = await otherClinic.rest.post<object>(`/api/appointments/${visit.id}/check-in`);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(visit.patientId);
    expect(foreign.body).not.toHaveProperty('appointment');

    await riverside.barrier(deskSocket);
    const announced = deskSocket.received('appointment:checked-in').filter((e) => e.data.appointmentId === visit.id);
    expect(announced).toHaveLength(1);
    expect(deskSocket.received('appointment:completed').filter((e) => e.data.appointmentId === scheduled.id)).toEqual(
      [],
    );
    await expectOtherClinicHeardNothing();
  });

  it("answers 404 for another clinic's appointment on every route, and changes and sends nothing", async () => {
    const appointment = await riverside.bookToday();
    const ofYesterday = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    const lakesideAdmin = await StaffSession.signIn(server.url, 'admin@lakeside.test');
    const lakesideNurse = await StaffSession.signIn(server.url, 'nurse@lakeside.test');
    const attempts = [
      otherClinic.rest.patch(`/api/appointments/${appointment.id}`, { type: 'procedure' }),
      otherClinic.rest.post(`/api/appointments/${appointment.id}/cancel`, {}),
      otherClinic.rest.post(`/api/appointments/${appointment.id}/check-in`),
      lakesideNurse.rest.post(`/api/appointments/${appointment.id}/complete`),
      lakesideAdmin.rest.post(`/api/appointments/${ofYesterday.id}/no-show`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ message: expect.stringContaining('not found') });
    }
    expect((await otherClinic.rest.get(`/api/patients/${appointment.patientId}`)).status).toBe(404);

    await riverside.barrier(deskSocket);
    for (const event of APPOINTMENT_EVENTS.filter((name) => name !== 'appointment:created')) {
      const about = deskSocket
        .received(event)
        .filter((e) => [appointment.id, ofYesterday.id].some((id) => JSON.stringify(e).includes(id)));
      expect(about).toEqual([]);
    }
    const list = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.today()}`);
    expect(list.body.find((a) => a.id === appointment.id)).toMatchObject({ status: 'scheduled', type: 'skin-check' });
    [lakesideAdmin, lakesideNurse].forEach((s) => s.close());
  });

  it('validates REST bodies with the fields at fault', async () => {
    const response = await frontDesk.rest.post<{ fields: Record<string, string[]> }>('/api/appointments', {
      patientId: 'not-a-uuid',
      startsAt: 'tomorrow',
      confirmPast: 'yes',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(
      expect.arrayContaining(['patientId', 'providerId', 'startsAt', 'endsAt', 'confirmPast']),
    );
    expect((await new RestClient(server.url).get(`/api/appointments?date=${riverside.today()}`)).status).toBe(401);
  });
});
