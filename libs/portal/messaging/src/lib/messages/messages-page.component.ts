import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AuthSession } from '@derm/portal/core';
import { ShowMoreComponent } from '@derm/portal/ui';
import { ThreadSummary } from '@derm/shared/contracts';
import { UnreadMessages } from '../data/unread-messages.service';
import { NewThreadFormComponent } from './new-thread-form.component';
import { ThreadListComponent } from './thread-list.component';
import { ThreadsStore } from './threads.store';

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
  protected readonly store = inject(ThreadsStore);
  protected readonly unread = inject(UnreadMessages);
  protected readonly composing = signal(false);
  protected readonly startWith = signal<string | null>(null);

  /** `/messages?to=<userId>` (e.g. from the online staff panel): that one-to-one conversation. */
  readonly to = input<string>();

  constructor() {
    effect(() => {
      const to = this.to();
      if (to && !this.store.loading()) untracked(() => this.openWith(to));
    });
  }

  private openWith(userId: string): void {
    const me = this.session.user()?.id;
    const existing = this.store
      .threads()
      .find(
        (thread) =>
          thread.participants.length === 2 && thread.participants.every((p) => p.id === me || p.id === userId),
      );
    if (existing && userId !== me) {
      void this.router.navigate(['/messages', existing.id], { replaceUrl: true });
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
