import { AppointmentSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';

describe('moving a visit books its provider again', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let frontDesk: StaffSession;
  let otherClinic: StaffSession;
  let deskSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer();
    [admin, frontDesk, otherClinic] = await Promise.all(
      ['admin@riverside.test', 'frontdesk@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    [deskSocket, otherSocket] = await Promise.all([frontDesk.connect(), otherClinic.connect()]);
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
  });
  afterAll(async () => {
    [admin, frontDesk, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const setProvider = async (change: { active?: boolean; role?: string }) =>
    expect((await admin.rest.patch(`/api/staff/${riverside.provider.id}`, change)).status).toBe(200);
  const stored = async (day: string, id: string) =>
    (await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body.find((a) => a.id === id);

  it('refuses a new time with a provider who has left the clinic (409 naming them), and lets the type change', async () => {
    const visit = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const to = riverside.slotOn(FUTURE_DAY);
    await setProvider({ active: false });
    try {
      const moved = await frontDesk.rest.patch<{ message: string }>(`/api/appointments/${visit.id}`, to);
      expect(moved.status).toBe(409);
      expect(moved.body.message).toBe(`${riverside.provider.name} is no longer active in this clinic`);
      const retyped = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${visit.id}`, {
        type: 'procedure',
      });
      expect(retyped.status).toBe(200);
      expect(retyped.body).toMatchObject({ startsAt: visit.startsAt, type: 'procedure' });
    } finally {
      await setProvider({ active: true });
    }
    expect(await stored(FUTURE_DAY, visit.id)).toMatchObject({ startsAt: visit.startsAt, endsAt: visit.endsAt });
    await riverside.barrier(deskSocket);
    const moves = deskSocket
      .received('appointment:updated')
      .filter((e) => e.data.appointment.id === visit.id && e.data.changes.includes('startsAt'));
    expect(moves).toEqual([]);
    await lakeside.barrier(otherSocket);
    expect(otherSocket.received('appointment:updated').filter((e) => e.data.appointment.id === visit.id)).toEqual([]);
  });

  it('refuses a new time with someone who is no longer a provider (400 naming them)', async () => {
    const visit = await riverside.book(riverside.slotOn(FUTURE_DAY));
    await setProvider({ role: 'nurse' });
    try {
      const moved = await frontDesk.rest.patch<{ message: string }>(
        `/api/appointments/${visit.id}`,
        riverside.slotOn(FUTURE_DAY),
      );
      expect(moved.status).toBe(400);
      expect(moved.body.message).toBe(`${riverside.provider.name} is not a provider`);
    } finally {
      await setProvider({ role: 'provider' });
    }
    expect(await stored(FUTURE_DAY, visit.id)).toMatchObject({ startsAt: visit.startsAt });
    // Back in the role, the same move goes through.
    const to = riverside.slotOn(FUTURE_DAY);
    const moved = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${visit.id}`, to);
    expect(moved).toMatchObject({ status: 200, body: { startsAt: to.startsAt } });
  });

  it('moves a visit by less than a second: stored, and announced once to its own clinic only', async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    const halfSecondLater = (iso: string) => new Date(Date.parse(iso) + 500).toISOString();
    const visit = await riverside.book({
      startsAt: halfSecondLater(slot.startsAt),
      endsAt: halfSecondLater(slot.endsAt),
    });
    const moved = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${visit.id}`, slot);
    expect(moved).toMatchObject({ status: 200, body: { ...slot, version: visit.version + 1 } });
    expect(await stored(FUTURE_DAY, visit.id)).toMatchObject(slot);
    await riverside.barrier(deskSocket);
    const moves = deskSocket.received('appointment:updated').filter((e) => e.data.appointment.id === visit.id);
    expect(moves.map((e) => [e.data.appointment.startsAt, e.data.changes])).toEqual([
      [slot.startsAt, ['startsAt', 'endsAt']],
    ]);
    await lakeside.barrier(otherSocket);
    expect(otherSocket.received('appointment:updated').filter((e) => e.data.appointment.id === visit.id)).toEqual([]);
  });
});
