import { Client } from 'pg';
import {
  AppointmentChangedError,
  appointmentETag,
  AppointmentSummary,
  DomainEvent,
  DomainEventName,
} from '@derm/shared/contracts';
import {
  ApiServer,
  createTestDatabase,
  eventually,
  RealtimeTestClient,
  RestResponse,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';
import { APPOINTMENT_EVENTS, ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { conditionalRequest } from './support/conditional-request';

/** What a portal keeps of one appointment, rebuilt from the events its socket heard, in order. */
interface Seen {
  status: string;
  startsAt: string;
  type: string;
}

/**
 * Two people change one appointment at once. Only PostgreSQL runs units of work side by side
 * (SQLite takes them one at a time), so this suite always runs on it. A test holds the
 * appointment's row from a connection of its own: each write sent meanwhile reads the row, then
 * queues behind the hold, and they commit in the order sent once the hold ends. The second write
 * then acts on what the first committed, never on what it read before.
 */
describe('the schedule when two people change one appointment at once', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;
  let holder: Client;
  let watcher: Client;
  /** Every appointment event the nurse's socket heard, in the order it heard them. */
  const heard: Array<{ event: string; payload: DomainEvent<DomainEventName> }> = [];

  beforeAll(async () => {
    server = await startApiServer({ database: await createTestDatabase('postgres') });
    [frontDesk, nurse, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    nurseSocket = await nurse.connect();
    nurseSocket.socket.onAny((event: string, payload: DomainEvent<DomainEventName>) => {
      if (event.startsWith('appointment:')) heard.push({ event, payload });
    });
    otherSocket = await otherClinic.connect();
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
    [holder, watcher] = [
      new Client({ connectionString: server.database.url }),
      new Client({ connectionString: server.database.url }),
    ];
    await Promise.all([holder.connect(), watcher.connect()]);
  });
  afterAll(async () => {
    await Promise.all([holder?.end(), watcher?.end()]);
    [frontDesk, nurse, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const writesWaitingOnARow = async () =>
    (
      await watcher.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      )
    ).rows[0].waiting;

  /** Sends `first`, then `second` once `first` waits on the held row: both have read it, and commit in that order. */
  async function oneAfterTheOther(
    appointmentId: string,
    first: () => Promise<RestResponse<unknown>>,
    second: () => Promise<RestResponse<unknown>>,
  ): Promise<[RestResponse<unknown>, RestResponse<unknown>]> {
    await holder.query('BEGIN');
    try {
      await holder.query('SELECT id FROM appointments WHERE id = $1 FOR UPDATE', [appointmentId]);
      const firstAnswer = first();
      await eventually(
        'the first write waiting on the appointment',
        async () => (await writesWaitingOnARow()) === 1,
        10_000,
      );
      const secondAnswer = second();
      await eventually('both writes waiting on it', async () => (await writesWaitingOnARow()) === 2, 10_000);
      await holder.query('COMMIT');
      return await Promise.all([firstAnswer, secondAnswer]);
    } catch (error) {
      await holder.query('ROLLBACK');
      throw error;
    }
  }

  const stored = async (day: string, id: string) =>
    (await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body.find((a) => a.id === id);

  /** The appointment as the nurse's portal last knows it, once every event sent so far has come. */
  async function seenByThePortal(id: string): Promise<Seen | undefined> {
    await riverside.barrier(nurseSocket);
    let seen: Seen | undefined;
    for (const { event, payload } of heard) {
      const data = payload.data as { appointment?: AppointmentSummary; appointmentId?: string };
      if (data.appointment?.id === id) {
        const { status, startsAt, type } = data.appointment;
        seen = { status, startsAt, type };
      } else if (data.appointmentId === id && seen) seen = { ...seen, status: STATUS_AFTER[event] ?? seen.status };
    }
    return seen;
  }

  /** The other clinic hears of its own booking, and of nothing of these appointments before it. */
  async function expectOtherClinicHeardNothingOf(ids: string[]): Promise<void> {
    await lakeside.barrier(otherSocket);
    for (const event of APPOINTMENT_EVENTS) {
      expect(otherSocket.received(event).filter((e) => ids.some((id) => JSON.stringify(e).includes(id)))).toEqual([]);
    }
  }

  it('refuses a check-in that read the visit before it was moved to another day (409), announcing none', async () => {
    const visit = await riverside.bookToday();
    const to = riverside.slotOn(FUTURE_DAY);
    const [move, checkIn] = await oneAfterTheOther(
      visit.id,
      () => frontDesk.rest.patch(`/api/appointments/${visit.id}`, to),
      () => nurse.rest.post(`/api/appointments/${visit.id}/check-in`),
    );

    expect(move.status).toBe(200);
    expect(checkIn.status).toBe(409);
    expect(checkIn.body).toMatchObject({ message: expect.stringContaining('changed meanwhile') });
    expect(await stored(FUTURE_DAY, visit.id)).toMatchObject({ status: 'scheduled', startsAt: to.startsAt });
    expect(await seenByThePortal(visit.id)).toEqual({ status: 'scheduled', startsAt: to.startsAt, type: visit.type });
    expect(nurseSocket.received('appointment:checked-in').filter((e) => e.data.appointmentId === visit.id)).toEqual([]);
    await expectOtherClinicHeardNothingOf([visit.id]);
  });

  it('refuses a no-show that read the visit before it was moved ahead (409): it has not started', async () => {
    const missed = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    const to = riverside.slotOn(FUTURE_DAY);
    const [move, noShow] = await oneAfterTheOther(
      missed.id,
      () => frontDesk.rest.patch(`/api/appointments/${missed.id}`, to),
      () => nurse.rest.post(`/api/appointments/${missed.id}/no-show`),
    );

    expect(move.status).toBe(200);
    expect(noShow.status).toBe(409);
    expect(await stored(FUTURE_DAY, missed.id)).toMatchObject({ status: 'scheduled', startsAt: to.startsAt });
    expect(await seenByThePortal(missed.id)).toEqual({ status: 'scheduled', startsAt: to.startsAt, type: missed.type });
    await expectOtherClinicHeardNothingOf([missed.id]);
  });

  it('never undoes a move with a change of type that read the visit before it (409 for the later one)', async () => {
    const visit = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const to = riverside.slotOn(FUTURE_DAY);
    const [move, retype] = await oneAfterTheOther(
      visit.id,
      () => frontDesk.rest.patch(`/api/appointments/${visit.id}`, to),
      () => nurse.rest.patch(`/api/appointments/${visit.id}`, { type: 'procedure' }),
    );

    expect(move.status).toBe(200);
    expect(retype.status).toBe(409);
    const after = await stored(FUTURE_DAY, visit.id);
    expect(after).toMatchObject({ startsAt: to.startsAt, endsAt: to.endsAt, type: visit.type });
    expect(await seenByThePortal(visit.id)).toEqual({ status: 'scheduled', startsAt: to.startsAt, type: visit.type });
    // The slot the visit left is free again, for anyone.
    const left = { startsAt: visit.startsAt, endsAt: visit.endsAt };
    expect((await riverside.request(left, { patientId: riverside.patients[1].id })).status).toBe(201);
  });

  it('lets one of two moves naming the same If-Match through, both having read that version: the other is 412, unheard', async () => {
    const visit = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const [to, elsewhere] = [riverside.slotOn(FUTURE_DAY), riverside.slotOn(FUTURE_DAY)];
    const ifMatch = appointmentETag(visit.version);
    const [first, second] = await oneAfterTheOther(
      visit.id,
      () => conditionalRequest(frontDesk, 'PATCH', `/api/appointments/${visit.id}`, { body: to, ifMatch }),
      () => conditionalRequest(nurse, 'PATCH', `/api/appointments/${visit.id}`, { body: elsewhere, ifMatch }),
    );

    expect([first.status, second.status]).toEqual([200, 412]);
    const moved = first.body as AppointmentSummary;
    expect(moved).toMatchObject({ startsAt: to.startsAt, version: visit.version + 1 });
    expect(second.body as AppointmentChangedError).toMatchObject({
      message: expect.stringContaining('changed meanwhile'),
      appointment: moved,
    });
    expect(await stored(FUTURE_DAY, visit.id)).toEqual(moved);
    expect(await seenByThePortal(visit.id)).toEqual({ status: 'scheduled', startsAt: to.startsAt, type: visit.type });
    expect(nurseSocket.received('appointment:updated').filter((e) => e.data.appointment.id === visit.id)).toHaveLength(
      1,
    );
    await expectOtherClinicHeardNothingOf([visit.id]);
  });

  it('refuses a cancellation naming the version a move it waited on replaced (412), announcing none', async () => {
    const visit = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const to = riverside.slotOn(FUTURE_DAY);
    const ifMatch = appointmentETag(visit.version);
    const [move, cancel] = await oneAfterTheOther(
      visit.id,
      () => conditionalRequest(frontDesk, 'PATCH', `/api/appointments/${visit.id}`, { body: to, ifMatch }),
      () => conditionalRequest(nurse, 'POST', `/api/appointments/${visit.id}/cancel`, { body: {}, ifMatch }),
    );

    expect([move.status, cancel.status]).toEqual([200, 412]);
    expect(await stored(FUTURE_DAY, visit.id)).toMatchObject({ status: 'scheduled', startsAt: to.startsAt });
    expect(await seenByThePortal(visit.id)).toEqual({ status: 'scheduled', startsAt: to.startsAt, type: visit.type });
    expect(nurseSocket.received('appointment:cancelled').filter((e) => e.data.appointmentId === visit.id)).toEqual([]);
    await expectOtherClinicHeardNothingOf([visit.id]);
  });

  it('lets a cancellation follow a move it did not see: both stand, heard in the order they were made', async () => {
    const visit = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const to = riverside.slotOn(FUTURE_DAY);
    const [move, cancel] = await oneAfterTheOther(
      visit.id,
      () => frontDesk.rest.patch(`/api/appointments/${visit.id}`, to),
      () => nurse.rest.post(`/api/appointments/${visit.id}/cancel`, { reason: 'Patient called' }),
    );

    expect([move.status, cancel.status]).toEqual([200, 200]);
    expect(await stored(FUTURE_DAY, visit.id)).toMatchObject({ status: 'cancelled', startsAt: to.startsAt });
    expect(await seenByThePortal(visit.id)).toEqual({ status: 'cancelled', startsAt: to.startsAt, type: visit.type });
    await expectOtherClinicHeardNothingOf([visit.id]);
  });
});

/** The status an event that names only the appointment leaves it in. */
const STATUS_AFTER: Record<string, string> = {
  'appointment:cancelled': 'cancelled',
  'appointment:checked-in': 'checked-in',
  'appointment:completed': 'completed',
  'appointment:no-show': 'no-show',
};
