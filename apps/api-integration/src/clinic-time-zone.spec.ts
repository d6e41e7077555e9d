import { AppointmentSummary, PatientSummary, StaffMember } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

// A winter day, far ahead: New York is UTC−5, Berlin UTC+1.
const DAY = '2031-01-15';

describe('a clinic’s day, in its time zone', () => {
  let server: ApiServer;
  let riverside: StaffSession;
  let lakeside: StaffSession;

  beforeAll(async () => {
    server = await startApiServer();
    [riverside, lakeside] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
  });
  afterAll(async () => {
    [riverside, lakeside].forEach((s) => s?.close());
    await server?.dispose();
  });

  /** Books a one-minute appointment starting at `startsAt` (UTC), short enough not to overlap the next. */
  async function bookAt(staff: StaffSession, startsAt: string): Promise<string> {
    const patient = (await staff.rest.get<PatientSummary[]>('/api/patients')).body[0];
    const provider = (await staff.rest.get<StaffMember[]>('/api/staff')).body.find((s) => s.role === 'provider')!;
    const endsAt = new Date(Date.parse(startsAt) + 60_000).toISOString();
    const response = await staff.rest.post<AppointmentSummary>('/api/appointments', {
      patientId: patient.id,
      providerId: provider.id,
      startsAt,
      endsAt,
      type: 'skin-check',
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function listed(staff: StaffSession, date: string): Promise<string[]> {
    const response = await staff.rest.get<AppointmentSummary[]>(`/api/appointments?date=${date}`);
    expect(response.status).toBe(200);
    return response.body.map((a) => a.id);
  }

  it('signs in with the clinic’s zone', () => {
    expect(riverside.login.user.timeZone).toBe('America/New_York');
    expect(lakeside.login.user.timeZone).toBe('Europe/Berlin');
  });

  it('lists New York’s calendar day for Riverside: 05:00 UTC to 05:00 UTC the next day', async () => {
    const [lateDayBefore, firstMinute, lateEvening, nextMidnight] = [
      await bookAt(riverside, '2031-01-15T04:59:00.000Z'), // 23:59 on the 14th in New York
      await bookAt(riverside, '2031-01-15T05:00:00.000Z'), // 00:00 on the 15th
      await bookAt(riverside, '2031-01-16T04:30:00.000Z'), // 23:30 on the 15th, already the 16th in UTC
      await bookAt(riverside, '2031-01-16T05:00:00.000Z'), // 00:00 on the 16th
    ];
    expect(await listed(riverside, DAY)).toEqual([firstMinute, lateEvening]);
    expect(await listed(riverside, '2031-01-14')).toEqual([lateDayBefore]);
    expect(await listed(riverside, '2031-01-16')).toEqual([nextMidnight]);
    // Nothing of Riverside's on Lakeside's days.
    for (const date of ['2031-01-14', DAY, '2031-01-16']) expect(await listed(lakeside, date)).toEqual([]);
  });

  it('lists Berlin’s calendar day for Lakeside: 23:00 UTC the day before to 23:00 UTC', async () => {
    const [lateDayBefore, firstMinute, lateEvening, nextMidnight] = [
      await bookAt(lakeside, '2031-02-14T22:59:00.000Z'), // 23:59 on the 14th in Berlin
      await bookAt(lakeside, '2031-02-14T23:00:00.000Z'), // 00:00 on the 15th, still the 14th in UTC
      await bookAt(lakeside, '2031-02-15T22:30:00.000Z'), // 23:30 on the 15th
      await bookAt(lakeside, '2031-02-15T23:00:00.000Z'), // 00:00 on the 16th
    ];
    expect(await listed(lakeside, '2031-02-15')).toEqual([firstMinute, lateEvening]);
    expect(await listed(lakeside, '2031-02-14')).toEqual([lateDayBefore]);
    expect(await listed(lakeside, '2031-02-16')).toEqual([nextMidnight]);
    for (const date of ['2031-02-14', '2031-02-15', '2031-02-16']) expect(await listed(riverside, date)).toEqual([]);
  });

  it('lists a 23-hour day across the change to summer time in New York', async () => {
    const [beforeChange, afterChange, lastMinute, nextDay] = [
      await bookAt(riverside, '2031-03-09T06:30:00.000Z'), // 01:30 EST
      await bookAt(riverside, '2031-03-09T07:30:00.000Z'), // 03:30 EDT
      await bookAt(riverside, '2031-03-10T03:59:00.000Z'), // 23:59 EDT
      await bookAt(riverside, '2031-03-10T04:00:00.000Z'), // 00:00 on the 10th
    ];
    expect(await listed(riverside, '2031-03-09')).toEqual([beforeChange, afterChange, lastMinute]);
    expect(await listed(riverside, '2031-03-10')).toEqual([nextDay]);
  });

  it('puts the demo schedule on each clinic’s own today, at office hours on its clock', async () => {
    for (const [staff, timeZone] of [
      [riverside, 'America/New_York'],
      [lakeside, 'Europe/Berlin'],
    ] as const) {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
      const response = await staff.rest.get<AppointmentSummary[]>(`/api/appointments?date=${today}`);
      const hours = response.body.map((a) =>
        new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(a.startsAt)),
      );
      expect(hours.length).toBeGreaterThan(0);
      expect(hours[0]).toBe('09:00');
    }
  });
});
