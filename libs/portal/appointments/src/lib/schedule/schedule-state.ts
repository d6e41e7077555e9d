import { calendarDayIn } from '@derm/shared/contracts';
import { AppointmentFilter } from '../data/appointment-list-changes';

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
