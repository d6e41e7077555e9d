import { HttpErrorResponse } from '@angular/common/http';
import { MonoTypeOperatorFunction, retry, throwError, timer } from 'rxjs';

/** A write whose answer never came is sent again 1 s, then 2 s later. */
export const LOST_ANSWER_RETRY_DELAYS_MS: readonly number[] = [1000, 2000];

/**
 * Sends a request again after each delay while its answer is lost (no answer at all: it may or
 * may not have reached the server); a refusal is final. Only for a write that carries an
 * idempotency key made once for the person's action, so that the retry is done once.
 */
export function retryLost<T>(delaysMs: readonly number[] = LOST_ANSWER_RETRY_DELAYS_MS): MonoTypeOperatorFunction<T> {
  return retryAfter(delaysMs, isLost);
}

/** Sends a request again after each delay while `worthRetrying(error)`; any other failure is final. */
export function retryAfter<T>(
  delaysMs: readonly number[],
  worthRetrying: (error: unknown) => boolean,
): MonoTypeOperatorFunction<T> {
  return retry({
    count: delaysMs.length,
    delay: (error: unknown, attempt: number) =>
      worthRetrying(error) ? timer(delaysMs[attempt - 1]) : throwError(() => error),
  });
}

/** No answer at all: the request may or may not have reached the server. */
export function isLost(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 0;
}

/** No answer, or the server's own trouble (5xx): asking again later may succeed, unlike a refusal. */
export function isPassing(error: unknown): boolean {
  return isLost(error) || (error instanceof HttpErrorResponse && error.status >= 500);
}
