import { addDays, APPOINTMENT_MAX_HOURS, AppointmentSummary } from '@derm/shared/contracts';
import {
  ApiServer,
  RealtimeTestClient,
  StaffSession,
  startApiServer,
  writeToTestDatabase,
} from '@derm/shared/test-client';
import { APPOINTMENT_EVENTS, ClinicSchedule, FUTURE_DAY, Times } from './support/clinic-schedule';
import { ErrorBody } from './support/conversations';

const TOO_LONG = `An appointment can last at most ${APPOINTMENT_MAX_HOURS} hours: check its start and end times`;
const MAX_MS = APPOINTMENT_MAX_HOURS * 3_600_000;
/** Days of their own, so that a day-long booking meets neither the barriers' bookings nor another test's. */
const LONG_DAY = addDays(FUTURE_DAY, 10);
const MOVE_DAY = addDays(FUTURE_DAY, 20);
const OLD_DAY = addDays(FUTURE_DAY, 30);

describe('appointments: the longest an appointment may last', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    [nurseSocket, otherSocket] = await Promise.all([nurse.connect(), otherClinic.connect()]);
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
  });
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const lasting = (startsAt: string, ms: number): Times => ({ startsAt, endsAt: plus(startsAt, ms) });
  const dayOf = async (day: string) =>
    (await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body;
  const expectTooLong = (response: { status: number; body: unknown }) => {
    expect(response.status).toBe(400);
    expect((response.body as ErrorBody).message).toBe(TOO_LONG);
  };
  /** After a barrier, how many appointment events `socket` heard that mention `text` (an id, a time). */
  const heardOf = async (schedule: ClinicSchedule, socket: RealtimeTestClient, text: string) => {
    await schedule.barrier(socket);
    return APPOINTMENT_EVENTS.flatMap((event) => socket.received(event)).filter((e) => JSON.stringify(e).includes(text))
      .length;
  };

  it('refuses a booking longer than the limit (400 naming it), storing and announcing nothing', async () => {
    const { startsAt } = riverside.slotOn(LONG_DAY);
    const typos = [lasting(startsAt, MAX_MS + 60_000), lasting(startsAt, 3 * 24 * 3_600_000)];
    for (const times of typos) {
      expectTooLong(await riverside.request(times));
      expect(await heardOf(riverside, nurseSocket, times.endsAt)).toBe(0);
    }
    expect((await dayOf(LONG_DAY)).filter((a) => a.startsAt === startsAt)).toEqual([]);
  });

  it('books one of exactly the limit', async () => {
    const times = lasting(riverside.slotOn(LONG_DAY).startsAt, MAX_MS);
    const booked = await riverside.book(times);
    expect(booked).toMatchObject(times);
    expect((await dayOf(LONG_DAY)).map((a) => a.id)).toContain(booked.id);
  });

  it('refuses a change of only the end, or only the start, past the limit, leaving the appointment as it was', async () => {
    const booked = await riverside.book(riverside.slotOn(MOVE_DAY));
    const path = `/api/appointments/${booked.id}`;
    for (const change of [
      { endsAt: plus(booked.startsAt, MAX_MS + 60_000) },
      { startsAt: plus(booked.endsAt, -MAX_MS - 60_000) },
      lasting(booked.startsAt, 2 * 24 * 3_600_000),
    ]) {
      expectTooLong(await frontDesk.rest.patch(path, change));
    }
    expect((await nurse.rest.get<AppointmentSummary>(path)).body).toEqual(booked);
    expect(await heardOf(riverside, nurseSocket, booked.id)).toBe(1);

    const longest = await frontDesk.rest.patch<AppointmentSummary>(path, { endsAt: plus(booked.startsAt, MAX_MS) });
    expect(longest.status).toBe(200);
    expect(longest.body).toMatchObject({ startsAt: booked.startsAt, endsAt: plus(booked.startsAt, MAX_MS) });
  });

  it('lets an appointment booked longer before the limit change its type alone, but not its times', async () => {
    const booked = await riverside.book(riverside.slotOn(OLD_DAY));
    // As booked before the limit: two days long (on SQLite in TypeORM's form of an instant).
    await writeToTestDatabase(server.database, {
      sqlite: {
        sql: `UPDATE "appointments" SET "endsAt" = strftime('%Y-%m-%d %H:%M:%f', "startsAt", '+2 days') WHERE "id" = ?`,
        rows: [[booked.id]],
      },
      postgres: {
        sql: `UPDATE "appointments" SET "endsAt" = "startsAt" + interval '2 days' WHERE "id" = $1`,
        rows: [[booked.id]],
      },
    });
    const path = `/api/appointments/${booked.id}`;
    const twoDays = plus(booked.startsAt, 2 * 24 * 3_600_000);

    const retyped = await frontDesk.rest.patch<AppointmentSummary>(path, { type: 'procedure' });
    expect(retyped.status).toBe(200);
    expect(retyped.body).toMatchObject({ type: 'procedure', startsAt: booked.startsAt, endsAt: twoDays });
    expectTooLong(await frontDesk.rest.patch(path, { startsAt: plus(booked.startsAt, 3_600_000) }));
    expect((await nurse.rest.get<AppointmentSummary>(path)).body).toMatchObject({
      startsAt: booked.startsAt,
      endsAt: twoDays,
    });
  });

  it("answers a too-long change of another clinic's appointment, or a booking of its patient, as not found (404)", async () => {
    const theirs = await lakeside.book(lakeside.slotOn(MOVE_DAY));
    const typo = { endsAt: plus(theirs.startsAt, 3 * 24 * 3_600_000) };
    expect((await frontDesk.rest.patch(`/api/appointments/${theirs.id}`, typo)).status).toBe(404);
    const theirPatient = { patientId: lakeside.patients[0].id };
    expect((await riverside.request({ startsAt: theirs.startsAt, ...typo }, theirPatient)).status).toBe(404);

    expect((await otherClinic.rest.get<AppointmentSummary>(`/api/appointments/${theirs.id}`)).body).toEqual(theirs);
    expect(await heardOf(lakeside, otherSocket, theirs.id)).toBe(1);
  });
});

function plus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
