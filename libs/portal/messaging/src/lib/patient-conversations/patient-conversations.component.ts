import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { AuthSession, Colleagues, emptyListPage, ListPage, liveCollection, nextPages } from '@derm/portal/core';
import { PatientsApi } from '@derm/portal/patients';
import { LoadingPlaceholderComponent, ShowMoreComponent } from '@derm/portal/ui';
import { ThreadSummary } from '@derm/shared/contracts';
import { catchError, map, merge, of, startWith, switchMap } from 'rxjs';
import { MessagingApi } from '../data/messaging-api.service';
import { MessagingEvents } from '../data/messaging-events.service';
import { UnreadMessages } from '../data/unread-messages.service';
import {
  withMessage,
  withOlderThreads,
  withoutParticipant,
  withParticipantActive,
  withParticipants,
  withThread,
} from '../state/thread-list-state';
import { ThreadRowComponent } from '../thread-row/thread-row.component';

type ListChange = (threads: readonly ThreadSummary[]) => ThreadSummary[] | null;

/**
 * The patient chart's conversations about the patient that the signed-in person is in (the API
 * lists no one else's), most recent activity first, each leading to its conversation; and a way to
 * start one about the patient. Kept current by `message:new`, `thread:created` and
 * `thread:participants-added`: a message in a listed thread moves it up, new people join its row;
 * any of them in a thread not listed may be a conversation about this patient new to the person,
 * so that thread is looked up and listed if it is (a thread's patient never changes: each is
 * looked up once). A thread the person
 * left (`thread:participant-left`) leaves the list; one someone else left shows who remains. A
 * colleague deactivated or reactivated (`staff:changed`) shows so in every row they are in.
 */
@Component({
  selector: 'derm-patient-conversations',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingPlaceholderComponent, RouterLink, ShowMoreComponent, ThreadRowComponent],
  templateUrl: './patient-conversations.component.html',
  styleUrl: './patient-conversations.component.css',
})
export class PatientConversationsComponent {
  private readonly api = inject(MessagingApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly patients = inject(PatientsApi);
  protected readonly unread = inject(UnreadMessages).byThread;

  /** The patient's id: the chart route's `:id`. */
  readonly id = input.required<string>();

  private readonly conversations = liveCollection<ListPage<ThreadSummary>, ListPage<ThreadSummary>, string>({
    initial: emptyListPage(),
    key: toObservable(this.id),
    load: (id) => this.api.threadsAbout(id),
    loaded: (_, page) => page,
  });
  protected readonly threads = computed(() => this.conversations.value().items);
  protected readonly older = nextPages(
    this.conversations,
    (cursor) => this.api.threadsAbout(this.id(), cursor),
    withOlderThreads,
  );
  protected readonly loading = this.conversations.loading;
  protected readonly error = computed(() =>
    this.conversations.error() ? 'The conversations about this patient could not be loaded.' : null,
  );
  /** For "New conversation about …"; until it is known (or if it cannot be), "this patient". */
  protected readonly patientName = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        this.patients.get(id).pipe(
          map((patient): string | null => patient.displayName),
          catchError(() => of(null)),
          // Another chart: never the previous patient's name while this one's loads.
          startWith(null),
        ),
      ),
    ),
    { initialValue: null },
  );
  /** The patient of each thread looked up (none: null). */
  private readonly patientOfThread = new Map<string, string | null>();

  constructor() {
    const events = inject(MessagingEvents);
    events.messages$
      .pipe(takeUntilDestroyed())
      .subscribe(({ data }) =>
        this.heard(data.threadId, (threads) => withMessage(threads, data.threadId, data.message)),
      );
    merge(events.threadsCreated$, events.participantsAdded$)
      .pipe(takeUntilDestroyed())
      .subscribe(({ data }) => this.heard(data.threadId, (threads) => withParticipants(threads, data)));
    const session = inject(AuthSession);
    events.participantLeft$
      .pipe(takeUntilDestroyed())
      .subscribe(({ data }) => this.apply((threads) => withoutParticipant(threads, data, session.userId())));
    inject(Colleagues)
      .accountChanges$.pipe(takeUntilDestroyed())
      .subscribe((account) => this.apply((threads) => withParticipantActive(threads, account)));
  }

  private heard(threadId: string, change: ListChange): void {
    const listed = this.threads().some((thread) => thread.id === threadId);
    // During a load the change waits for its answer, which has the thread if it is about this patient.
    if (listed || this.loading()) {
      this.apply(change);
      return;
    }
    const knownPatient = this.patientOfThread.get(threadId);
    if (knownPatient !== undefined && knownPatient !== this.id()) return;
    this.lookUp(threadId);
  }

  private lookUp(threadId: string): void {
    const forCurrentUser = this.conversations.forCurrentUser();
    this.api
      .thread(threadId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (thread) => {
          this.patientOfThread.set(thread.id, thread.patientId ?? null);
          if (forCurrentUser() && thread.patientId === this.id()) this.apply((threads) => withThread(threads, thread));
        },
        // Not the person's any more, or unreachable: the next load shows what is.
        error: () => undefined,
      });
  }

  private apply(change: ListChange): void {
    this.conversations.apply((page) => ({ ...page, items: change(page.items) ?? page.items }));
  }
}
