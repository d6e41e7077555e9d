import { computed, inject, Injectable } from '@angular/core';
import { liveCollection } from '@derm/portal/core';
import { UnreadMessagesCount } from '@derm/shared/contracts';
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
  private readonly counts = liveCollection({
    initial: NONE,
    load: () => this.api.unreadCount(),
    loaded: (_, counts: UnreadMessagesCount) => counts,
    refetch: 'on-every-connection',
  });

  /** Not known yet for this person (before the first answer), or being loaded again. */
  readonly loading = this.counts.loading;
  readonly total = computed(() => this.counts.value().total);
  readonly byThread = computed(() => this.counts.value().byThread);

  constructor() {
    inject(MessagingEvents).unreadCounts$.subscribe((counts) => this.set(counts));
  }

  /** The latest counts, from an event or a `message:mark-read` acknowledgement. */
  set(counts: UnreadMessagesCount): void {
    this.counts.apply(() => counts);
  }
}
