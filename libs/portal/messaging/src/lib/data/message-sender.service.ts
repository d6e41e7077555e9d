import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { newIdempotencyKey } from '@derm/portal/core';
import { ChatMessage } from '@derm/shared/contracts';
import { Observable, retry, tap, throwError, timer } from 'rxjs';
import { SendAttempts } from '../state/send-attempts';
import { MessagingApi } from './messaging-api.service';

/** A post whose answer never came is sent again 1 s, then 2 s later; a refusal is final. */
export const SEND_RETRY_DELAYS_MS = [1000, 2000];

/**
 * Posts messages exactly once: every attempt at one message carries one idempotency key, so a
 * retry after a lost answer, ours or the person's (the draft stays after a failure), is stored
 * once and answered with the first message.
 */
@Injectable({ providedIn: 'root' })
export class MessageSender {
  private readonly api = inject(MessagingApi);
  private readonly attempts = new SendAttempts(newIdempotencyKey);

  send(threadId: string, body: string): Observable<ChatMessage> {
    return this.api.post(threadId, body, this.attempts.keyFor(threadId, body)).pipe(
      retry({
        count: SEND_RETRY_DELAYS_MS.length,
        delay: (error: unknown, attempt: number) =>
          isLost(error) ? timer(SEND_RETRY_DELAYS_MS[attempt - 1]) : throwError(() => error),
      }),
      tap(() => this.attempts.sent(threadId, body)),
    );
  }
}

/** No answer at all: the request may or may not have reached the server. */
function isLost(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 0;
}
