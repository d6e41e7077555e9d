import { AppointmentSummary, calendarDayIn } from '@derm/shared/contracts';
import { AppointmentFilter, AppointmentListChange, sortByStart } from '../data/appointment-list-changes';

const DAY_HEADING = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' });

/**
 * "Tuesday, December 1, 2026" for a calendar day. Not DatePipe, which reads `YYYY-MM-DD` as the
 * browser's midnight: in Berlin or Sydney that is the day before in UTC.
 */
export function dayHeading(day: string): string {
  return DAY_HEADING.format(new Date(`${day}T12:00:00Z`));
}

/** The appointments of a day of the clinic's calendar (`timeZone`), as the API's `?date=`. */
export function onDay(day: string, timeZone: string): AppointmentFilter {
  return (appointment) => calendarDayIn(new Date(appointment.startsAt), timeZone) === day;
}

/**
 * The newest version of each appointment the schedule has heard of, in a load, an event or an
 * answer, whatever day it was on. A load of the day starts its list afresh, without the visits
 * that left it: this memory outlives it, so that a slower answer (one's own booking, after a
 * colleague moved the visit to another day and the day was loaded again) cannot put back a
 * version older than one already seen.
 */
export class VersionsSeen {
  private readonly newest = new Map<string, number>();

  /**
   * The change, if `version` is newer than every one seen of the appointment; else a change that
   * changes nothing. Records the version now, once: the schedule applies the change it returns
   * more than once (to the day shown, again onto a load on its way).
   */
  guard(appointmentId: string, version: number, change: AppointmentListChange): AppointmentListChange {
    return this.saw(appointmentId, version) ? change : () => null;
  }

  /** A load's list, in order, each version in it recorded as seen. */
  loaded(list: readonly AppointmentSummary[]): AppointmentSummary[] {
    for (const appointment of list) this.saw(appointment.id, appointment.version);
    return sortByStart(list);
  }

  /** Records `version`; true when it is newer than every one seen of the appointment. */
  private saw(appointmentId: string, version: number): boolean {
    const seen = this.newest.get(appointmentId);
    if (seen !== undefined && version <= seen) return false;
    this.newest.set(appointmentId, version);
    return true;
  }
}
