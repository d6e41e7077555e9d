import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { ClinicTimePipe } from '@derm/portal/core';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { ThreadSummary } from '@derm/shared/contracts';
import { participantsBesideSubject } from '../state/thread-people';

/**
 * The person's conversations, most recent activity first (the API's order, kept live by the
 * store), each with its last activity on the clinic's clock and its unread badge. While the list
 * loads, a placeholder stands in for it.
 */
@Component({
  selector: 'derm-thread-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, LoadingPlaceholderComponent, RouterLink, RouterLinkActive],
  template: `
    <div [attr.aria-busy]="loading()">
      @if (loading()) {
        <derm-loading-placeholder label="Loading the conversations…" [rows]="4" />
      } @else {
        <ul class="threads" data-testid="thread-list">
          @for (thread of threads(); track thread.id) {
            <li>
              <a
                [routerLink]="['/messages', thread.id]"
                routerLinkActive="active"
                ariaCurrentWhenActive="page"
                data-testid="thread-item"
                [attr.data-thread-id]="thread.id"
              >
                <span class="subject">{{ thread.subject }}</span>
                <span class="aside">
                  <time class="when" data-testid="thread-activity" [attr.datetime]="thread.lastActivityAt">{{
                    thread.lastActivityAt | clinicTime: 'recent'
                  }}</time>
                  @if (unread()[thread.id]; as count) {
                    <span class="unread" data-testid="thread-unread">{{ count }}</span>
                    <span class="visually-hidden">unread</span>
                  }
                </span>
                @if (thread.lastMessage; as last) {
                  <span class="preview" data-testid="thread-preview">{{ last.senderName }}: {{ last.body }}</span>
                } @else {
                  <span class="preview" data-testid="thread-preview">{{
                    participantsBesideSubject(thread) || 'No messages yet'
                  }}</span>
                }
              </a>
            </li>
          } @empty {
            <li class="empty">No conversations yet.</li>
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
    a {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.15rem 0.5rem;
      padding: 0.65rem 0.75rem;
      border-radius: 8px;
      color: inherit;
      text-decoration: none;
    }
    a:hover {
      background: #f1f5f9;
    }
    a.active {
      background: color-mix(in srgb, var(--derm-accent) 10%, transparent);
    }
    .aside {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    .when {
      color: var(--derm-muted);
      font-size: 0.75rem;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .subject {
      font-weight: 500;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .preview {
      grid-column: 1 / -1;
      color: var(--derm-muted);
      font-size: 0.8rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .unread {
      min-width: 1.4rem;
      padding: 0 0.4rem;
      border-radius: 999px;
      background: var(--derm-accent);
      color: #fff;
      font-size: 0.75rem;
      font-weight: 600;
      line-height: 1.4rem;
      text-align: center;
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
  protected readonly participantsBesideSubject = participantsBesideSubject;
}
