import { addDays, AppointmentSummary } from '@derm/shared/contracts';
import { dayHeading, patch, RecentIds, upsert } from './schedule-state';

const DAY = '2026-03-10';

function appointment(id: string, startsAt: string, overrides: Partial<AppointmentSummary> = {}): AppointmentSummary {
  return {
    id,
    patientId: `patient-${id}`,
    patientName: `Patient ${id}`,
    providerId: 'provider-1',
    providerName: 'Dr. Example',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
    status: 'scheduled',
    type: 'consultation',
    ...overrides,
  };
}

describe('schedule state', () => {
  const nine = appointment('a', `${DAY}T09:00:00.000Z`);
  const ten = appointment('b', `${DAY}T10:00:00.000Z`);

  it('inserts by start time', () => {
    expect(upsert(nine, 'UTC')([ten], DAY)?.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('replaces an appointment it already has instead of adding it twice', () => {
    const moved = { ...nine, startsAt: `${DAY}T11:00:00.000Z` };
    expect(upsert(moved, 'UTC')([nine, ten], DAY)?.map((item) => [item.id, item.startsAt])).toEqual([
      ['b', ten.startsAt],
      ['a', moved.startsAt],
    ]);
  });

  it('ignores an appointment of another day, and drops one moved to another day', () => {
    const tomorrow = appointment('c', `${addDays(DAY, 1)}T09:00:00.000Z`);
    expect(upsert(tomorrow, 'UTC')([nine], DAY)).toBeNull();
    expect(upsert({ ...nine, startsAt: tomorrow.startsAt }, 'UTC')([nine, ten], DAY)?.map((item) => item.id)).toEqual([
      'b',
    ]);
  });

  it('puts an appointment on the clinic’s day, which UTC may not share', () => {
    const lateEvening = appointment('d', '2026-03-10T23:30:00.000Z');
    const nightInNewYork = appointment('e', '2026-03-11T02:00:00.000Z');
    expect(upsert(lateEvening, 'America/New_York')([], DAY)?.map((item) => item.id)).toEqual(['d']);
    expect(upsert(nightInNewYork, 'America/New_York')([], DAY)?.map((item) => item.id)).toEqual(['e']);
    expect(upsert(lateEvening, 'Europe/Berlin')([], DAY)).toBeNull();
    expect(upsert(lateEvening, 'Europe/Berlin')([], addDays(DAY, 1))?.map((item) => item.id)).toEqual(['d']);
  });

  it('heads a day with its own date, whatever the browser’s zone', () => {
    expect(dayHeading('2026-12-01')).toBe('Tuesday, December 1, 2026');
  });

  it('patches only an appointment on the list', () => {
    const checkIn = patch('a', { status: 'checked-in', checkedInAt: `${DAY}T08:55:00.000Z` });
    expect(checkIn([nine, ten], DAY)?.find((item) => item.id === 'a')?.status).toBe('checked-in');
    expect(patch('elsewhere', { status: 'cancelled' })([nine, ten], DAY)).toBeNull();
  });

  it('remembers event ids to drop duplicates, forgetting the oldest beyond its capacity', () => {
    const seen = new RecentIds(2);
    expect(seen.add('e1')).toBe(true);
    expect(seen.add('e1')).toBe(false);
    seen.add('e2');
    seen.add('e3');
    expect(seen.add('e1')).toBe(true);
    expect(seen.add('e3')).toBe(false);
  });
});
