import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterOutlet } from '@angular/router';
import { AuthSession } from '@derm/portal/core';
import { ShowMoreComponent } from '@derm/portal/ui';
import { ThreadSummary } from '@derm/shared/contracts';
import { catchError, distinctUntilChanged, EMPTY, finalize, map, Observable, of, switchMap } from 'rxjs';
import { MessagingApi } from '../data/messaging-api.service';
import { UnreadMessages } from '../data/unread-messages.service';
import { directThreadIn } from '../state/thread-people';
import { NewThreadFormComponent } from './new-thread-form.component';
import { ThreadListComponent } from './thread-list.component';
import { ThreadsStore } from './threads.store';

interface DirectThread {
  userId: string;
  thread: ThreadSummary | null;
}

/** Conversations on the left, the open one (a child route) on the right. */
@Component({
  selector: 'derm-messages-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, ShowMoreComponent, ThreadListComponent, NewThreadFormComponent],
  providers: [ThreadsStore],
  templateUrl: './messages-page.component.html',
  styleUrl: './messages-page.component.css',
})
export class MessagesPage {
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);
  private readonly api = inject(MessagingApi);
  protected readonly store = inject(ThreadsStore);
  protected readonly unread = inject(UnreadMessages);
  protected readonly composing = signal(false);
  protected readonly startWith = signal<string | null>(null);
  protected readonly startAbout = signal<string | null>(null);
  protected readonly lookupError = signal<string | null>(null);
  /** The server is being asked for the conversation with a colleague (`?to=`). */
  protected readonly lookingUp = signal(false);

  /** `/messages?to=<userId>` (e.g. from the online staff panel): that one-to-one conversation. */
  readonly to = input<string>();
  /** `/messages?patient=<patientId>` (from the patient's chart): a new conversation about them. */
  readonly patient = input<string>();

  constructor() {
    toObservable(this.patient)
      .pipe(distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((patientId) => {
        if (!patientId) return;
        this.startAbout.set(patientId);
        this.composing.set(true);
      });
    toObservable(this.to)
      .pipe(
        distinctUntilChanged(),
        switchMap((userId) => (userId ? this.directThreadWith(userId) : EMPTY)),
        takeUntilDestroyed(),
      )
      .subscribe(({ userId, thread }) => this.openWith(userId, thread));
  }

  /**
   * The conversation with just this colleague: the list's when it is loaded, else the server's (it
   * may be older than the pages loaded), said while it is looked for. A failed lookup is said above
   * the form, opened all the same.
   */
  private directThreadWith(userId: string): Observable<DirectThread> {
    this.lookupError.set(null);
    const listed = directThreadIn(this.store.threads(), this.session.user()?.id ?? '', userId);
    if (listed) return of({ userId, thread: listed });
    this.lookingUp.set(true);
    return this.api.directThread(userId).pipe(
      map((thread) => ({ userId, thread })),
      catchError(() => {
        this.lookupError.set('Your earlier conversation with them could not be looked up.');
        return of({ userId, thread: null });
      }),
      finalize(() => this.lookingUp.set(false)),
    );
  }

  private openWith(userId: string, thread: ThreadSummary | null): void {
    if (thread) {
      void this.router.navigate(['/messages', thread.id], { replaceUrl: true });
      return;
    }
    this.startWith.set(userId);
    this.composing.set(true);
  }

  protected onCreated(thread: ThreadSummary): void {
    this.composing.set(false);
    this.store.added(thread);
    void this.router.navigate(['/messages', thread.id]);
  }
}
