import { addDays, calendarDayIn, dayBoundsIn, isCalendarDay, isTimeZone, zonedTime } from './clinic-time';

describe('clinic time', () => {
  it('tells a day of the calendar from text that only looks like one', () => {
    expect(isCalendarDay('2026-12-01')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-12-1')).toBe(false);
    expect(isCalendarDay('tomorrow')).toBe(false);
  });

  it('reads a wall-clock time in the clinic’s zone, on each side of UTC', () => {
    expect(zonedTime('2026-12-01', '09:30', 'America/New_York').toISOString()).toBe('2026-12-01T14:30:00.000Z');
    expect(zonedTime('2026-07-01', '09:30', 'America/New_York').toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(zonedTime('2026-12-01', '09:30', 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(zonedTime('2026-12-01', '00:15', 'Australia/Sydney').toISOString()).toBe('2026-11-30T13:15:00.000Z');
    expect(zonedTime('2026-12-01', '23:59', 'UTC').toISOString()).toBe('2026-12-01T23:59:00.000Z');
  });

  it('moves a time skipped by daylight saving forward, and takes the first of a repeated one', () => {
    expect(zonedTime('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedTime('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedTime('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedTime('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives the clinic’s day of an instant, which UTC may not share', () => {
    const lateEvening = new Date('2026-12-02T00:30:00Z');
    expect(calendarDayIn(lateEvening, 'America/New_York')).toBe('2026-12-01');
    expect(calendarDayIn(lateEvening, 'Europe/Berlin')).toBe('2026-12-02');
    expect(calendarDayIn(new Date('2026-11-30T23:30:00Z'), 'Australia/Sydney')).toBe('2026-12-01');
  });

  it('bounds a day, 23 or 25 hours long on a change', () => {
    expect(dayBoundsIn('2026-12-01', 'America/New_York')).toEqual({
      start: new Date('2026-12-01T05:00:00Z'),
      end: new Date('2026-12-02T05:00:00Z'),
    });
    const spring = dayBoundsIn('2026-03-08', 'America/New_York');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = dayBoundsIn('2026-10-25', 'Europe/Berlin');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('steps days across months and years, and knows real zones from made-up ones', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => zonedTime('2026-13-45', 'nine', 'UTC')).toThrow(RangeError);
  });
});
