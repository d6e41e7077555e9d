import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { ThreadSummary } from '@derm/shared/contracts';
import { UnreadMessages } from '../data/unread-messages.service';
import { NewThreadFormComponent } from './new-thread-form.component';
import { ThreadListComponent } from './thread-list.component';
import { ThreadsStore } from './threads.store';

/** Conversations on the left, the open one (a child route) on the right. */
@Component({
  selector: 'derm-messages-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, ThreadListComponent, NewThreadFormComponent],
  providers: [ThreadsStore],
  templateUrl: './messages-page.component.html',
  styleUrl: './messages-page.component.css',
})
export class MessagesPage {
  private readonly router = inject(Router);
  protected readonly store = inject(ThreadsStore);
  protected readonly unread = inject(UnreadMessages);
  protected readonly composing = signal(false);

  protected onCreated(thread: ThreadSummary): void {
    this.composing.set(false);
    this.store.added(thread);
    void this.router.navigate(['/messages', thread.id]);
  }
}
