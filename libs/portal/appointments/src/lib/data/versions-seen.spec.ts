import { addDays, AppointmentSummary } from '@derm/shared/contracts';
import { onDay } from '../schedule/schedule-state';
import { upsert } from './appointment-list-changes';
import { appointment } from './appointment.spec-helper';
import { VersionsSeen } from './versions-seen';

const DAY = '2026-03-10';

describe('VersionsSeen: the schedule’s day across reloads', () => {
  const shows = onDay(DAY, 'UTC');
  const booked = appointment('a', `${DAY}T15:00:00.000Z`);
  const movedAway = { ...booked, startsAt: `${addDays(DAY, 1)}T15:00:00.000Z`, version: 2 };
  const other = appointment('b', `${DAY}T09:00:00.000Z`);

  /** The day's list after each change in turn, as the schedule applies them. */
  function applyAll(seen: VersionsSeen, list: AppointmentSummary[], ...heard: AppointmentSummary[]) {
    return heard.reduce((day, item) => seen.guard(item.id, item.version, upsert(item))(day, shows) ?? day, list);
  }

  it('keeps a visit that left the day off it after a reload, when an older answer comes late', () => {
    const seen = new VersionsSeen();
    // The booking's event (1), then a colleague's move to the next day (2).
    const beforeReload = applyAll(seen, seen.loaded([other]), booked, movedAway);
    expect(beforeReload.filter(shows)).toEqual([other]);

    // The day loads again (a re-sync, another day and back): the visit is not on it.
    const reloaded = seen.loaded([other]);
    // The booking's own answer (1) arrives after the reload, and the move's event delivered again.
    expect(applyAll(seen, reloaded, booked, movedAway)).toEqual([other]);
  });

  it('remembers the versions a load listed, and lets a newer version in', () => {
    const seen = new VersionsSeen();
    const movedHere = { ...booked, startsAt: `${DAY}T16:00:00.000Z`, version: 3 };
    const loaded = seen.loaded([other, movedHere]);
    expect(applyAll(seen, loaded, booked, movedAway)).toEqual([other, movedHere]);

    const cancelled = { ...movedHere, status: 'cancelled' as const, version: 4 };
    expect(applyAll(seen, loaded, cancelled)).toEqual([other, cancelled]);
  });

  it('asks nothing twice of a change: its version is recorded once, when it is heard', () => {
    const seen = new VersionsSeen();
    const change = seen.guard(booked.id, booked.version, upsert(booked));
    // The schedule applies a change to the day shown, and again onto a load on its way.
    expect(change([other], shows)).toEqual([other, booked]);
    expect(change([other], shows)).toEqual([other, booked]);
  });
});
