import { computed, inject, Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { AuthSession, Colleagues, liveCollection } from '@derm/portal/core';
import { ThreadSummary } from '@derm/shared/contracts';
import { distinctUntilChanged, EMPTY } from 'rxjs';
import { MessagingApi } from '../data/messaging-api.service';
import { MessagingEvents } from '../data/messaging-events.service';
import { ThreadsStore } from '../messages/threads.store';
import {
  withChangeOf,
  withMessage,
  withoutParticipant,
  withParticipantActive,
  withParticipants,
  withRead,
} from '../state/thread-list-state';

/**
 * The open thread's subject, people and read positions: the list's copy when it has one; else,
 * for a thread opened by its address beyond the pages loaded, its own, loaded over REST and moved
 * by `message:new`, `message:read`, `thread:participants-added`, `thread:participant-left` and
 * `staff:changed` as the list's is (so "seen by" and its people, active or not, stay live). Loaded again
 * whenever the list stops holding it. A refused load leaves it unknown: the conversation's own
 * load says why. Call in a component's injection context.
 */
export function openThreadSummary(threadId: Signal<string>): Signal<ThreadSummary | undefined> {
  const api = inject(MessagingApi);
  const events = inject(MessagingEvents);
  const store = inject(ThreadsStore);
  const session = inject(AuthSession);
  const listed = computed(() => store.find(threadId()));
  // `null` while the list holds the thread: nothing to load.
  const unlisted = computed(() => (listed() ? null : threadId()));
  const own = liveCollection<ThreadSummary | null, ThreadSummary, string | null>({
    initial: null,
    key: toObservable(unlisted).pipe(distinctUntilChanged()),
    load: (id) => (id ? api.thread(id) : EMPTY),
    loaded: (_, thread) => thread,
  });
  const follow = (change: (threads: readonly ThreadSummary[]) => ThreadSummary[] | null) =>
    own.apply((thread) => withChangeOf(thread, change));
  events.messages$
    .pipe(takeUntilDestroyed())
    .subscribe(({ data }) => follow((threads) => withMessage(threads, data.threadId, data.message)));
  events.reads$.pipe(takeUntilDestroyed()).subscribe(({ data }) => follow((threads) => withRead(threads, data)));
  events.participantsAdded$
    .pipe(takeUntilDestroyed())
    .subscribe(({ data }) => follow((threads) => withParticipants(threads, data)));
  events.participantLeft$
    .pipe(takeUntilDestroyed())
    .subscribe(({ data }) => follow((threads) => withoutParticipant(threads, data, session.userId())));
  inject(Colleagues)
    .accountChanges$.pipe(takeUntilDestroyed())
    .subscribe((account) => follow((threads) => withParticipantActive(threads, account)));
  return computed(() => {
    const thread = own.value();
    return listed() ?? (thread?.id === threadId() ? thread : undefined);
  });
}
