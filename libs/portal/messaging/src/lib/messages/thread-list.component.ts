import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { ThreadSummary } from '@derm/shared/contracts';
import { ThreadRowComponent } from '../thread-row/thread-row.component';

/**
 * The person's conversations, most recent activity first (the API's order, kept live by the
 * store), each a link to it (`ThreadRowComponent`). While the list loads, a placeholder stands in
 * for it; after a failed load, nothing does (the page says it failed).
 */
@Component({
  selector: 'derm-thread-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingPlaceholderComponent, ThreadRowComponent],
  template: `
    <div [attr.aria-busy]="loading()">
      @if (loading()) {
        <derm-loading-placeholder label="Loading the conversations…" [rows]="4" />
      } @else {
        <ul class="threads" data-testid="thread-list">
          @for (thread of threads(); track thread.id) {
            <li>
              <derm-thread-row [thread]="thread" [unread]="unread()[thread.id]" testId="thread-item" />
            </li>
          } @empty {
            @if (!failed()) {
              <li class="empty">No conversations yet.</li>
            }
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .threads {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .empty {
      padding: 1rem 0.75rem;
      color: var(--derm-muted);
      font-size: 0.9rem;
    }
  `,
})
export class ThreadListComponent {
  readonly threads = input.required<readonly ThreadSummary[]>();
  readonly unread = input.required<Readonly<Record<string, number>>>();
  readonly loading = input(false);
  /** The list could not be loaded: an empty one says nothing about the person's conversations. */
  readonly failed = input(false);
}
