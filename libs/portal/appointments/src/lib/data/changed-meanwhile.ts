import { HttpErrorResponse } from '@angular/common/http';
import { AppointmentChangedError, AppointmentStateError, AppointmentSummary } from '@derm/shared/contracts';

/**
 * The appointment as it is now, when the API refused a move or cancellation because someone
 * changed it after the version the person decided on (412); else null.
 */
export const changedMeanwhile = (error: unknown): AppointmentSummary | null => appointmentInRefusal(error, 412);

/**
 * The appointment as it is now, when the API refused a write the appointment no longer allows
 * (409), such as checking in a visit a colleague checked in or moved while this tab was not
 * hearing; else null.
 */
export const refusedAsItIs = (error: unknown): AppointmentSummary | null => appointmentInRefusal(error, 409);

function appointmentInRefusal(error: unknown, status: 409 | 412): AppointmentSummary | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== status) return null;
  return (error.error as Partial<AppointmentChangedError | AppointmentStateError> | null)?.appointment ?? null;
}
