import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AuthSession, ConnectionService, newIdempotencyKey, retryLost } from '@derm/portal/core';
import { ChatMessage } from '@derm/shared/contracts';
import {
  catchError,
  concatMap,
  EMPTY,
  exhaustMap,
  filter,
  from,
  interval,
  merge,
  Observable,
  Subject,
  takeUntil,
  tap,
  throwError,
} from 'rxjs';
import { MessageDrafts } from './message-drafts.service';
import { MessagingApi } from './messaging-api.service';
import { MessagingEvents } from './messaging-events.service';

/** A message written and sent while the browser is offline, with the key it is posted under, however often. */
export interface UnsentMessage {
  readonly threadId: string;
  readonly body: string;
  readonly key: string;
}

/** While connected, messages still held (their answer was lost) are sent again this often. */
export const HELD_RETRY_MS = 10_000;

/**
 * Messages sent while the browser is offline: shown in their thread as not sent yet, and posted at the next
 * `session:ready`, in the order written, each under the idempotency key it was given at Send, so it
 * is stored once however often that comes. One whose answer is lost is sent again every
 * HELD_RETRY_MS while connected, and at the next connection; a refused one goes back to its
 * thread's draft. In the tab's memory only: dropped, never sent, when the person changes (sign-out,
 * another person signing in on a shared computer), when they leave the thread, and at a reload.
 */
@Injectable({ providedIn: 'root' })
export class UnsentMessages {
  private readonly api = inject(MessagingApi);
  private readonly drafts = inject(MessageDrafts);
  private readonly connection = inject(ConnectionService);
  private readonly lines = signal<readonly UnsentMessage[]>([]);
  private readonly postedSubject = new Subject<{ threadId: string; message: ChatMessage }>();
  private readonly refusedSubject = new Subject<{ threadId: string; error: unknown }>();

  /** A held message, stored by the server. */
  readonly posted$ = this.postedSubject.asObservable();
  /** A held message the server refused: it is back in its thread's draft. */
  readonly refused$ = this.refusedSubject.asObservable();

  constructor() {
    const session = inject(AuthSession);
    this.connection.userChanged$.pipe(takeUntilDestroyed()).subscribe(() => this.lines.set([]));
    inject(MessagingEvents)
      .participantLeft$.pipe(
        filter(({ data }) => data.leftId === session.userId()),
        takeUntilDestroyed(),
      )
      .subscribe(({ data }) => this.lines.update((lines) => lines.filter((line) => line.threadId !== data.threadId)));
    // A lost answer on a connection that stays up would otherwise wait for the next one, maybe all day.
    const heldWhileConnected = interval(HELD_RETRY_MS).pipe(
      filter(() => this.lines().length > 0 && this.connection.status().state === 'connected'),
    );
    merge(this.connection.ready$, heldWhileConnected)
      .pipe(
        exhaustMap(() => this.sendHeld()),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  /** This thread's messages not sent yet (a signal read: templates follow it). */
  of(threadId: string): readonly UnsentMessage[] {
    return this.lines().filter((line) => line.threadId === threadId);
  }

  hold(threadId: string, body: string): void {
    this.lines.update((lines) => [...lines, { threadId, body, key: newIdempotencyKey() }]);
  }

  /** Each in turn; a lost answer leaves it and those after it for the next try. */
  private sendHeld(): Observable<unknown> {
    return from(this.lines()).pipe(
      concatMap((line) =>
        this.api.post(line.threadId, line.body, line.key).pipe(
          retryLost(),
          tap((message) => {
            this.drop(line);
            this.postedSubject.next({ threadId: line.threadId, message });
          }),
          catchError((error: unknown) => {
            if (error instanceof HttpErrorResponse && error.status === 0) return throwError(() => error);
            this.drop(line);
            const draft = this.drafts.of(line.threadId);
            this.drafts.keep(line.threadId, draft ? `${line.body}\n${draft}` : line.body);
            this.refusedSubject.next({ threadId: line.threadId, error });
            return EMPTY;
          }),
        ),
      ),
      catchError(() => EMPTY),
      // A retry after the person changed would carry the next one's token.
      takeUntil(this.connection.userChanged$),
    );
  }

  private drop(sent: UnsentMessage): void {
    this.lines.update((lines) => lines.filter((line) => line !== sent));
  }
}
