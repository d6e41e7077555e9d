import { HttpErrorResponse } from '@angular/common/http';

/** "Could not <action>: <why>", the why from the server's message when it gave one. */
export function describeRefusal(error: unknown, action: string): string {
  if (error instanceof HttpErrorResponse) {
    const message = (error.error as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return `Could not ${action}: ${message}`;
    if (Array.isArray(message)) return `Could not ${action}: ${message.join(' ')}`;
    if (error.status === 403) return `Could not ${action}: your role may not.`;
    if (error.status === 0) return `Could not ${action}: the server cannot be reached.`;
  }
  return `Could not ${action}.`;
}

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
