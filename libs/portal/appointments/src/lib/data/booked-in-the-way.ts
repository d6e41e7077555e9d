import { HttpErrorResponse } from '@angular/common/http';
import { onClinicClock } from '@derm/portal/core';
import { AppointmentConflictError } from '@derm/shared/contracts';

/**
 * Why the API refused a booking or move that overlaps another (409 with `conflict`), in the
 * schedule's own words and on the clinic's clock: "Dr. Ana Ortiz is already booked Dec 7,
 * 16:00–16:30 with Marco Bellini." (the API's message names the day as a date and the booking by
 * its id, for other clients); else null.
 */
export function bookedInTheWay(error: unknown, timeZone: string): string | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  const conflict = (error.error as Partial<AppointmentConflictError> | null)?.conflict;
  if (!conflict) return null;
  const [whose, withWhom] =
    conflict.with === 'provider'
      ? [conflict.providerName, conflict.patientName]
      : [conflict.patientName, conflict.providerName];
  const when = `${onClinicClock(conflict.startsAt, 'day-time', timeZone)}–${onClinicClock(conflict.endsAt, 'time', timeZone)}`;
  return `${whose} is already booked ${when} with ${withWhom}.`;
}
