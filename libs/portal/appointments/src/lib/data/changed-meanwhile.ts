import { HttpErrorResponse } from '@angular/common/http';
import { AppointmentChangedError, AppointmentStateError, AppointmentSummary } from '@derm/shared/contracts';

/**
 * The appointment as it is now, when the API refused a move or cancellation because someone
 * changed it after the version the person decided on (412); else null.
 */
export function changedMeanwhile(error: unknown): AppointmentSummary | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 412) return null;
  return (error.error as Partial<AppointmentChangedError> | null)?.appointment ?? null;
}

/**
 * The appointment as it is now, when the API refused a write the appointment no longer allows
 * (409), such as checking in a visit a colleague checked in or moved while this tab was not
 * hearing; else null.
 */
export function refusedAsItIs(error: unknown): AppointmentSummary | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  return (error.error as Partial<AppointmentStateError> | null)?.appointment ?? null;
}
