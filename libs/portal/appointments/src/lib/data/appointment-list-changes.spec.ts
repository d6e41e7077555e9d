import { AppointmentFilter, patch, RecentIds, upsert } from './appointment-list-changes';
import { appointment } from './appointment.spec-helper';

const DAY = '2026-03-10';

/** A list that shows the appointments of `DAY` (in UTC). */
const onDay: AppointmentFilter = (item) => item.startsAt.startsWith(DAY);

describe('appointment list changes', () => {
  const nine = appointment('a', `${DAY}T09:00:00.000Z`);
  const ten = appointment('b', `${DAY}T10:00:00.000Z`);

  it('inserts by start time', () => {
    expect(upsert(nine)([ten], onDay)?.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('replaces an appointment it already has instead of adding it twice', () => {
    const moved = { ...nine, startsAt: `${DAY}T11:00:00.000Z`, version: 2 };
    expect(upsert(moved)([nine, ten], onDay)?.map((item) => [item.id, item.startsAt])).toEqual([
      ['b', ten.startsAt],
      ['a', moved.startsAt],
    ]);
  });

  it('ignores an appointment the list does not show, and leaves one out of sight that it no longer shows', () => {
    const tomorrow = appointment('c', '2026-03-11T09:00:00.000Z');
    expect(upsert(tomorrow)([nine], onDay)).toBeNull();
    expect(
      upsert({ ...nine, startsAt: tomorrow.startsAt, version: 2 })([nine, ten], onDay)
        ?.filter(onDay)
        .map((item) => item.id),
    ).toEqual(['b']);
  });

  it('patches only an appointment on the list', () => {
    const checkIn = patch('a', { status: 'checked-in', checkedInAt: `${DAY}T08:55:00.000Z`, version: 2 });
    expect(checkIn([nine, ten], onDay)?.find((item) => item.id === 'a')?.status).toBe('checked-in');
    expect(patch('elsewhere', { status: 'cancelled' })([nine, ten], onDay)).toBeNull();
  });

  it('never puts back an older version of an appointment over the one listed', () => {
    const cancelled = { ...nine, status: 'cancelled' as const, version: 3 };
    // A move's answer (version 2) that arrives after a colleague's cancellation of the moved visit.
    const movedEarlier = { ...nine, startsAt: `${DAY}T11:00:00.000Z`, version: 2 };
    expect(upsert(movedEarlier)([cancelled, ten], onDay)).toBeNull();
    expect(upsert({ ...movedEarlier, startsAt: '2026-03-11T09:00:00.000Z' })([cancelled, ten], onDay)).toBeNull();
    expect(patch('a', { status: 'checked-in', version: 2 })([cancelled, ten], onDay)).toBeNull();
    // The same version again (the event of one's own change, after its answer) changes nothing either.
    expect(patch('a', { status: 'cancelled', version: 3 })([cancelled, ten], onDay)).toBeNull();
    expect(upsert({ ...nine, version: 4 })([cancelled, ten], onDay)?.[0]).toMatchObject({ status: 'scheduled' });
  });

  it('never puts back a visit that a newer version took to a day the list does not show', () => {
    // A move's answer (version 2) that arrives after a colleague's later move (3) took the visit to another day.
    const movedHere = { ...nine, startsAt: `${DAY}T11:00:00.000Z`, version: 2 };
    const movedAway = { ...nine, startsAt: '2026-03-11T09:00:00.000Z', version: 3 };
    const afterColleague = upsert(movedAway)([movedHere, ten], onDay) ?? [];
    expect(afterColleague.filter(onDay).map((item) => item.id)).toEqual(['b']);

    expect(upsert(movedHere)(afterColleague, onDay)).toBeNull();
    expect(upsert({ ...nine, version: 1 })(afterColleague, onDay)).toBeNull();
    expect(patch('a', { status: 'checked-in', version: 2 })(afterColleague, onDay)).toBeNull();
    // A newer version that brings it back to the day does.
    const movedBack = { ...nine, startsAt: `${DAY}T12:00:00.000Z`, version: 4 };
    expect(upsert(movedBack)(afterColleague, onDay)?.filter(onDay)).toEqual([ten, movedBack]);
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
