import { inject, Injectable } from '@angular/core';
import { ActionKeys, LOST_ANSWER_RETRY_DELAYS_MS, newIdempotencyKey, retryLost } from '@derm/portal/core';
import { ChatMessage } from '@derm/shared/contracts';
import { Observable, tap } from 'rxjs';
import { MessagingApi } from './messaging-api.service';

/** A post whose answer never came is sent again 1 s, then 2 s later; a refusal is final. */
export const SEND_RETRY_DELAYS_MS = LOST_ANSWER_RETRY_DELAYS_MS;

/**
 * Posts messages exactly once: every attempt at one message carries one idempotency key, so a
 * retry after a lost answer, ours or the person's (the draft stays after a failure), is stored
 * once and answered with the first message.
 */
@Injectable({ providedIn: 'root' })
export class MessageSender {
  private readonly api = inject(MessagingApi);
  private readonly keys = new ActionKeys(newIdempotencyKey);

  send(threadId: string, body: string): Observable<ChatMessage> {
    // One action per conversation: a message given up on in one keeps its key while others are sent.
    const action = `send:${threadId}`;
    return this.api.post(threadId, body, this.keys.keyFor(action, body)).pipe(
      retryLost(SEND_RETRY_DELAYS_MS),
      tap(() => this.keys.done(action, body)),
    );
  }
}
