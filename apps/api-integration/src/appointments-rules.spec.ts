import { AppointmentConflictError, AppointmentSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';

describe('appointments: booking rules', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer();
    const otherClinic = await StaffSession.signIn(server.url, 'frontdesk@lakeside.test');
    [frontDesk, nurse] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
    ]);
    nurseSocket = await nurse.connect();
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
  });
  afterAll(async () => {
    [frontDesk, nurse, lakeside?.session].forEach((s) => s?.close());
    await server?.dispose();
  });

  const dayOf = async (day: string) =>
    (await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body;
  /** After a barrier, the nurse's socket heard of no new booking at `startsAt` but the ones listed. */
  const expectNoBookingAnnounced = async (startsAt: string, except: string[] = []) => {
    await riverside.barrier(nurseSocket);
    const announced = nurseSocket.received('appointment:created').map((e) => e.data.appointment);
    expect(announced.filter((a) => a.startsAt === startsAt && !except.includes(a.id))).toEqual([]);
  };

  it("refuses a second booking overlapping the provider's, naming it (409), storing and sending nothing", async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    const first = await riverside.book(slot);
    const overlapping = { startsAt: addMinutes(slot.startsAt, 10), endsAt: addMinutes(slot.endsAt, 10) };
    const response = await riverside.request(overlapping, { patientId: riverside.patients[1].id });
    expect(response.status).toBe(409);
    const body = response.body as unknown as AppointmentConflictError;
    expect(body.conflict).toEqual({
      appointmentId: first.id,
      with: 'provider',
      providerName: riverside.provider.name,
      patientName: riverside.patients[0].displayName,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    });
    expect(body.message).toContain(`${riverside.provider.name} is already booked on ${FUTURE_DAY} 15:00–15:15`);
    expect(body.message).toContain(first.id);
    expect((await dayOf(FUTURE_DAY)).filter((a) => a.startsAt === overlapping.startsAt)).toEqual([]);
    await expectNoBookingAnnounced(overlapping.startsAt);
  });

  it("refuses a booking overlapping the patient's with another provider, naming whose (409)", async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    const first = await riverside.book(slot);
    // Riverside has one provider: the admin makes the nurse a second one for this test.
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    expect((await admin.rest.patch(`/api/staff/${nurse.userId}`, { role: 'provider' })).status).toBe(200);
    try {
      const response = await riverside.request(
        { startsAt: addMinutes(slot.startsAt, -5), endsAt: addMinutes(slot.startsAt, 5) },
        { providerId: nurse.userId },
      );
      expect(response.status).toBe(409);
      const body = response.body as unknown as AppointmentConflictError;
      expect(body.conflict).toMatchObject({ appointmentId: first.id, with: 'patient' });
      expect(body.message).toContain(`${riverside.patients[0].displayName} is already booked on ${FUTURE_DAY}`);
      // Another patient with the other provider at the same time is free; touching ends are no overlap.
      expect(
        (await riverside.request(slot, { providerId: nurse.userId, patientId: riverside.patients[1].id })).status,
      ).toBe(201);
      expect((await riverside.request({ startsAt: slot.endsAt, endsAt: addMinutes(slot.endsAt, 5) })).status).toBe(201);
    } finally {
      expect((await admin.rest.patch(`/api/staff/${nurse.userId}`, { role: 'nurse' })).status).toBe(200);
      admin.close();
    }
  });

  it('lets a cancelled booking free its slot, refuses a move onto a taken one, and keeps clinics apart', async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    const cancelled = await riverside.book(slot);
    expect((await frontDesk.rest.post(`/api/appointments/${cancelled.id}/cancel`, {})).status).toBe(200);
    const taken = await riverside.book(slot);
    const other = await riverside.book(riverside.slotOn(FUTURE_DAY), { patientId: riverside.patients[2].id });
    const move = await frontDesk.rest.patch<AppointmentConflictError>(`/api/appointments/${other.id}`, slot);
    expect(move.status).toBe(409);
    expect(move.body.conflict).toMatchObject({ appointmentId: taken.id, with: 'provider' });
    expect((await dayOf(FUTURE_DAY)).find((a) => a.id === other.id)?.startsAt).toBe(other.startsAt);
    await riverside.barrier(nurseSocket);
    expect(nurseSocket.received('appointment:updated').filter((e) => e.data.appointment.id === other.id)).toEqual([]);

    // The same instant in another clinic is its own schedule.
    const theirs = await lakeside.request(slot);
    expect(theirs.status).toBe(201);
  });

  it('refuses bookings of one slot sent at once: one is stored, the others are told why', async () => {
    // A race: several rounds, so that a missing lock shows.
    for (let round = 0; round < 3; round++) {
      const slot = riverside.slotOn(FUTURE_DAY);
      const answers = await Promise.all(
        riverside.patients.slice(0, 4).map((patient) => riverside.request(slot, { patientId: patient.id })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      expect((await dayOf(FUTURE_DAY)).filter((a) => a.startsAt === slot.startsAt)).toHaveLength(1);
      const stored = answers.find((a) => a.status === 201)?.body;
      await expectNoBookingAnnounced(slot.startsAt, stored ? [stored.id] : []);
    }
  });

  it('refuses a booking or a move into the past without confirmPast (422), and accepts them confirmed', async () => {
    const past = riverside.slotOn(riverside.yesterday());
    const refused = await riverside.request(past);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ message: expect.stringContaining('confirmPast') });
    expect((await dayOf(riverside.yesterday())).filter((a) => a.startsAt === past.startsAt)).toEqual([]);
    await expectNoBookingAnnounced(past.startsAt);

    const confirmed = await riverside.request(past, { confirmPast: true });
    expect(confirmed.status).toBe(201);

    const future = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const backwards = riverside.slotOn(riverside.yesterday());
    expect((await frontDesk.rest.patch(`/api/appointments/${future.id}`, backwards)).status).toBe(422);
    const moved = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${future.id}`, {
      ...backwards,
      confirmPast: true,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(backwards.startsAt);
  });

  it("checks in only on the appointment's day in the clinic's time zone", async () => {
    const tomorrow = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const early = await nurse.rest.post<{ message: string }>(`/api/appointments/${tomorrow.id}/check-in`);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain(`on ${FUTURE_DAY}; it can be checked in on that day only`);

    const yesterday = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    expect((await nurse.rest.post(`/api/appointments/${yesterday.id}/check-in`)).status).toBe(409);

    const today = await riverside.bookToday();
    expect((await nurse.rest.post(`/api/appointments/${today.id}/check-in`)).status).toBe(200);

    await riverside.barrier(nurseSocket);
    const checkedIn = nurseSocket.received('appointment:checked-in').map((e) => e.data.appointmentId);
    expect(checkedIn).toContain(today.id);
    expect(checkedIn).not.toContain(tomorrow.id);
    expect(checkedIn).not.toContain(yesterday.id);
  });

  it('keeps a checked-in visit at its time (409 on a move), announcing nothing, and lets its type change', async () => {
    const visit = await riverside.bookToday();
    expect((await nurse.rest.post(`/api/appointments/${visit.id}/check-in`)).status).toBe(200);
    for (const move of [riverside.slotOn(FUTURE_DAY), { endsAt: addMinutes(visit.endsAt, 5) }]) {
      const refused = await frontDesk.rest.patch<{ message: string }>(`/api/appointments/${visit.id}`, {
        ...move,
        confirmPast: true,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(
        'A checked-in appointment keeps its time and provider; only a scheduled one can be moved',
      );
    }
    expect((await dayOf(riverside.today())).find((a) => a.id === visit.id)).toMatchObject({
      startsAt: visit.startsAt,
      endsAt: visit.endsAt,
      status: 'checked-in',
    });
    await riverside.barrier(nurseSocket);
    expect(nurseSocket.received('appointment:updated').filter((e) => e.data.appointment.id === visit.id)).toEqual([]);

    const retyped = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${visit.id}`, {
      type: 'procedure',
    });
    expect(retyped.status).toBe(200);
    expect(retyped.body).toMatchObject({ type: 'procedure', startsAt: visit.startsAt, status: 'checked-in' });
  });

  it('marks a no-show only once the visit has started, and completes only a checked-in visit (409 otherwise)', async () => {
    const upcoming = await riverside.book(riverside.slotOn(FUTURE_DAY));
    expect((await frontDesk.rest.post(`/api/appointments/${upcoming.id}/no-show`)).status).toBe(409);
    expect((await nurse.rest.post(`/api/appointments/${upcoming.id}/complete`)).status).toBe(409);
    const missed = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    expect((await frontDesk.rest.post(`/api/appointments/${missed.id}/no-show`)).status).toBe(200);
    expect((await frontDesk.rest.post(`/api/appointments/${missed.id}/no-show`)).status).toBe(409);
    expect((await frontDesk.rest.post(`/api/appointments/${missed.id}/cancel`, {})).status).toBe(409);
  });
});

function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}
