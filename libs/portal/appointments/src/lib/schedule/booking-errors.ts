import { HttpErrorResponse } from '@angular/common/http';

/** The API refused a start in the past for want of `confirmPast` (this browser's clock may differ). */
export function needsPastConfirmation(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 422 &&
    (error.error as { code?: unknown } | null)?.code !== 'IDEMPOTENCY_KEY_REUSED'
  );
}

/** Asked before sending: a start that has gone by is booked only once the person confirms it. */
export function hasPassed(startsAt: Date): boolean {
  return startsAt.getTime() < Date.now();
}
