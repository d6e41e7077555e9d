import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ConnectionService } from '@derm/portal/core';
import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { catchError, EMPTY, merge, of, Subject, switchMap, take, tap } from 'rxjs';
import { MessagingApi } from '../data/messaging-api.service';
import { MessagingEvents } from '../data/messaging-events.service';
import { withMessage, withRead } from '../state/thread-list-state';

type ListChange = (threads: readonly ThreadSummary[]) => ThreadSummary[] | null;

/**
 * The messages page's thread list: loaded over REST, re-fetched after a reconnection that lost
 * events, kept current by `message:new` and `message:read`. Applying either twice changes
 * nothing, so envelopes need no de-duplication here.
 */
@Injectable()
export class ThreadsStore {
  private readonly api = inject(MessagingApi);
  private readonly events = inject(MessagingEvents);
  private readonly connection = inject(ConnectionService);
  private readonly list = signal<ThreadSummary[]>([]);
  private readonly reload$ = new Subject<void>();
  /** Changes heard while a load is in flight, replayed onto its result. */
  private duringLoad: ListChange[] | null = null;

  readonly threads = this.list.asReadonly();
  readonly loading = signal(true);
  readonly error = signal<string | null>(null);

  constructor() {
    const destroyRef = inject(DestroyRef);
    const firstLive$ = this.connection.status().state === 'connected' ? EMPTY : this.connection.ready$.pipe(take(1));
    merge(of(null), firstLive$, this.connection.resync$, this.reload$)
      .pipe(
        tap(() => (this.duringLoad = [])),
        switchMap(() =>
          this.api.threads().pipe(
            catchError(() => {
              this.duringLoad = null;
              this.loading.set(false);
              this.error.set('The conversations could not be loaded.');
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((threads) => {
        const replay = this.duringLoad ?? [];
        this.duringLoad = null;
        this.list.set(replay.reduce<ThreadSummary[]>((current, change) => change(current) ?? current, threads));
        this.loading.set(false);
        this.error.set(null);
      });

    this.events.messages$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.messageArrived(data.threadId, data.message));
    this.events.reads$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.apply((threads) => withRead(threads, data)));
  }

  find(threadId: string): ThreadSummary | undefined {
    return this.list().find((thread) => thread.id === threadId);
  }

  /** A thread this tab just created. */
  added(thread: ThreadSummary): void {
    this.apply((threads) => [thread, ...threads.filter((item) => item.id !== thread.id)]);
  }

  /** A message this tab posted or received; a thread not on the list yet means re-fetching it. */
  messageArrived(threadId: string, message: ChatMessage): void {
    if (!this.duringLoad && !this.find(threadId)) {
      this.reload$.next();
      return;
    }
    this.apply((threads) => withMessage(threads, threadId, message));
  }

  private apply(change: ListChange): void {
    this.duringLoad?.push(change);
    const next = change(this.list());
    if (next) this.list.set(next);
  }
}
