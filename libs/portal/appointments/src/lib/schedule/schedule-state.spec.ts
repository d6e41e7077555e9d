import { addDays, AppointmentSummary } from '@derm/shared/contracts';
import { dayHeading, onDay } from './schedule-state';

const DAY = '2026-03-10';

const startingAt = (startsAt: string) => ({ startsAt }) as AppointmentSummary;

describe('schedule state', () => {
  it('heads a day with its own date, whatever the browser’s zone', () => {
    expect(dayHeading('2026-12-01')).toBe('Tuesday, December 1, 2026');
  });

  it('puts an appointment on the clinic’s day, which UTC may not share', () => {
    const lateEvening = startingAt('2026-03-10T23:30:00.000Z');
    const nightInNewYork = startingAt('2026-03-11T02:00:00.000Z');
    expect(onDay(DAY, 'America/New_York')(lateEvening)).toBe(true);
    expect(onDay(DAY, 'America/New_York')(nightInNewYork)).toBe(true);
    expect(onDay(DAY, 'Europe/Berlin')(lateEvening)).toBe(false);
    expect(onDay(addDays(DAY, 1), 'Europe/Berlin')(lateEvening)).toBe(true);
  });
});
