import { computed, inject, Injectable, signal } from '@angular/core';
import { ConnectionService } from '@derm/portal/core';
import { UnreadMessagesCount } from '@derm/shared/contracts';
import { catchError, EMPTY, merge, of, switchMap } from 'rxjs';
import { MessagingApi } from './messaging-api.service';
import { MessagingEvents } from './messaging-events.service';

const NONE: UnreadMessagesCount = { total: 0, byThread: {} };

/**
 * The signed-in person's unread messages, for every page: loaded over REST on each
 * `session:ready` (what changed while away is not replayed) and replaced by each
 * `message:unread-count`, which every tab and device of the person receives.
 */
@Injectable({ providedIn: 'root' })
export class UnreadMessages {
  private readonly api = inject(MessagingApi);
  private readonly connection = inject(ConnectionService);
  private readonly counts = signal<UnreadMessagesCount>(NONE);
  /** Bumped by every pushed count, so that a REST answer older than it is dropped. */
  private revision = 0;

  readonly total = computed(() => this.counts().total);
  readonly byThread = computed(() => this.counts().byThread);

  constructor() {
    inject(MessagingEvents).unreadCounts$.subscribe((counts) => this.set(counts));

    const alreadyLive = this.connection.status().state === 'connected' ? of(null) : EMPTY;
    merge(alreadyLive, this.connection.ready$)
      .pipe(
        switchMap(() => {
          const revision = this.revision;
          return this.api.unreadCount().pipe(
            catchError(() => EMPTY),
            switchMap((counts) => (revision === this.revision ? of(counts) : EMPTY)),
          );
        }),
      )
      .subscribe((counts) => this.counts.set(counts));

    // Another person signing in on this tab must not see the previous person's counts (nor a
    // count of theirs still on its way: resetting bumps the revision).
    this.connection.userChanged$.subscribe(() => this.set(NONE));
  }

  /** The latest counts, from an event or a `message:mark-read` acknowledgement. */
  set(counts: UnreadMessagesCount): void {
    this.revision += 1;
    this.counts.set(counts);
  }
}
