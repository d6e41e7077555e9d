import { inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AuthSession, ConnectionService } from '@derm/portal/core';
import { filter } from 'rxjs';
import { MessagingEvents } from './messaging-events.service';

/**
 * What the signed-in person has written and not sent, per conversation: kept while they move
 * between conversations and pages of this tab. In memory only, so nothing of it stays on a shared
 * computer; dropped when the person changes, when it is sent, and when they leave the thread.
 */
@Injectable({ providedIn: 'root' })
export class MessageDrafts {
  private readonly texts = signal<ReadonlyMap<string, string>>(new Map());

  constructor() {
    const session = inject(AuthSession);
    inject(ConnectionService)
      .userChanged$.pipe(takeUntilDestroyed())
      .subscribe(() => this.texts.set(new Map()));
    inject(MessagingEvents)
      .participantLeft$.pipe(
        filter(({ data }) => data.leftId === session.userId()),
        takeUntilDestroyed(),
      )
      .subscribe(({ data }) => this.discard(data.threadId));
  }

  /** The draft of this thread, or '' (a signal read: templates follow it). */
  of(threadId: string): string {
    return this.texts().get(threadId) ?? '';
  }

  /** Blank text is no draft. */
  keep(threadId: string, text: string): void {
    if (!text.trim()) {
      this.discard(threadId);
      return;
    }
    this.texts.update((texts) => new Map(texts).set(threadId, text));
  }

  /** This text was sent: its draft goes, unless more was written while it was on its way. */
  sent(threadId: string, body: string): void {
    if (this.of(threadId).trim() === body) this.discard(threadId);
  }

  discard(threadId: string): void {
    if (!this.texts().has(threadId)) return;
    this.texts.update((texts) => {
      const rest = new Map(texts);
      rest.delete(threadId);
      return rest;
    });
  }
}
