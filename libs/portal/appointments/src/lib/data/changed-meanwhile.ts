import { HttpErrorResponse } from '@angular/common/http';
import { AppointmentChangedError, AppointmentSummary } from '@derm/shared/contracts';

/**
 * The appointment as it is now, when the API refused a move or cancellation because someone
 * changed it after the version the person decided on (412); else null.
 */
export function changedMeanwhile(error: unknown): AppointmentSummary | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 412) return null;
  return (error.error as Partial<AppointmentChangedError> | null)?.appointment ?? null;
}
