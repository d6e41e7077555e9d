import { dayBoundsIn } from '@derm/shared/contracts';
import { AppointmentFilter } from '../data/appointment-list-changes';

/**
 * A patient's visits from the start of `today` (a day of the clinic's calendar, `timeZone`), as the
 * API's `GET /api/patients/:id/appointments` lists them.
 */
export function visitsOf(patientId: string, today: string, timeZone: string): AppointmentFilter {
  const from = dayBoundsIn(today, timeZone).start.getTime();
  return (appointment) => appointment.patientId === patientId && Date.parse(appointment.startsAt) >= from;
}
