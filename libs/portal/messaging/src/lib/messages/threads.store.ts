import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AuthSession,
  Colleagues,
  emptyListPage,
  ListPage,
  LiveChange,
  liveCollection,
  missingItems,
  nextPages,
} from '@derm/portal/core';
import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { merge } from 'rxjs';
import { MessagingApi } from '../data/messaging-api.service';
import { MessagingEvents } from '../data/messaging-events.service';
import {
  withMessage,
  withOlderThreads,
  withoutParticipant,
  withParticipantActive,
  withParticipants,
  withRead,
  withThread,
} from '../state/thread-list-state';

type ListChange = (threads: readonly ThreadSummary[]) => ThreadSummary[] | null;

/** A change of the threads, made on the page that holds them (none: the page as it is). */
const onThreads =
  (change: ListChange): LiveChange<ListPage<ThreadSummary>> =>
  (page) => ({ ...page, items: change(page.items) ?? page.items });

/**
 * The messages page's thread list: its first page loaded over REST (older ones on request),
 * re-fetched after a reconnection that lost events, kept current by `message:new`, `message:read`,
 * `thread:created`, `thread:participants-added`, `thread:participant-left` and `staff:changed`
 * (who in them is still active, from `Colleagues`). Applying any twice changes nothing, so
 * envelopes need no de-duplication here.
 */
@Injectable()
export class ThreadsStore {
  private readonly api = inject(MessagingApi);
  private readonly events = inject(MessagingEvents);
  private readonly session = inject(AuthSession);
  private readonly list = liveCollection<ListPage<ThreadSummary>, ListPage<ThreadSummary>>({
    initial: emptyListPage(),
    load: () => this.api.threads(),
    loaded: (_, page) => page,
  });

  /**
   * A thread a change names that the list lacks (new to the person, or beyond the pages loaded)
   * is read and put in its place.
   */
  private readonly changes = missingItems(this.list, {
    holds: (page, threadId) => page.items.some((thread) => thread.id === threadId),
    read: (threadId) => this.api.thread(threadId),
    insert: (thread) => onThreads((threads) => withThread(threads, thread)),
  });

  readonly threads = computed(() => this.list.value().items);
  readonly older = nextPages(this.list, (cursor) => this.api.threads(cursor), withOlderThreads);
  /** Every load, a re-sync included: the page shows a placeholder rather than a list that may be stale. */
  readonly loading = this.list.loading;
  readonly error = computed(() => (this.list.error() ? 'The conversations could not be loaded.' : null));

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.events.messages$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.messageArrived(data.threadId, data.message));
    this.events.reads$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.apply((threads) => withRead(threads, data)));
    merge(this.events.threadsCreated$, this.events.participantsAdded$)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.changeOf(data.threadId, (threads) => withParticipants(threads, data)));
    this.events.participantLeft$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(({ data }) => this.apply((threads) => withoutParticipant(threads, data, this.session.userId())));
    inject(Colleagues)
      .accountChanges$.pipe(takeUntilDestroyed(destroyRef))
      .subscribe((account) => this.apply((threads) => withParticipantActive(threads, account)));
  }

  find(threadId: string): ThreadSummary | undefined {
    return this.threads().find((thread) => thread.id === threadId);
  }

  /** A thread this tab just created, or changed (its answer is the thread as this person sees it). */
  added(thread: ThreadSummary): void {
    this.apply((threads) => withThread(threads, thread));
  }

  /** A thread this tab left: off the list at once, connected or not. */
  left(threadId: string): void {
    this.apply((threads) => threads.filter((thread) => thread.id !== threadId));
  }

  /** A message this tab posted or received. */
  messageArrived(threadId: string, message: ChatMessage): void {
    this.changeOf(threadId, (threads) => withMessage(threads, threadId, message));
  }

  private changeOf(threadId: string, change: ListChange): void {
    this.changes.heard(threadId, onThreads(change));
  }

  private apply(change: ListChange): void {
    this.list.apply(onThreads(change));
  }
}
