import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { ClinicTimePipe } from '@derm/portal/core';
import { ThreadSummary } from '@derm/shared/contracts';
import { MessageDrafts } from '../data/message-drafts.service';
import { hasInactiveParticipant, participantsBesideSubject } from '../state/thread-people';

/**
 * One conversation in a list, as the link that opens it (marked while it is open): its subject,
 * its last activity on the clinic's clock, its unread badge and its last message. The people in it
 * beside the subject stand on a line of their own where the list asks for them (`showPeople`), or
 * when one of them is no longer active, which that line says; otherwise they stand in for the last
 * message until there is one. A draft not yet sent stands before all of it.
 */
@Component({
  selector: 'derm-thread-row',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, RouterLink, RouterLinkActive],
  template: `
    <a
      [routerLink]="['/messages', thread().id]"
      routerLinkActive="active"
      ariaCurrentWhenActive="page"
      [attr.data-testid]="testId()"
      [attr.data-thread-id]="thread().id"
    >
      <span class="subject" dir="auto">{{ thread().subject }}</span>
      <span class="aside">
        <time class="when" data-testid="thread-activity" [attr.datetime]="thread().lastActivityAt">{{
          thread().lastActivityAt | clinicTime: 'recent'
        }}</time>
        @if (unread(); as count) {
          <span class="unread" data-testid="thread-unread">{{ count }}</span>
          <span class="visually-hidden">unread</span>
        }
      </span>
      @if (peopleLine(); as names) {
        <span class="people" data-testid="thread-people">{{ names }}</span>
      }
      @if (draft(); as text) {
        <span class="preview" dir="auto" data-testid="thread-preview"
          ><span class="draft">Draft:</span> {{ text }}</span
        >
      } @else {
        <span class="preview" dir="auto" data-testid="thread-preview">{{ preview() }}</span>
      }
    </a>
  `,
  styles: `
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
    .subject {
      font-weight: 500;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
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
    .people,
    .preview {
      grid-column: 1 / -1;
      color: var(--derm-muted);
      font-size: 0.8rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .draft {
      color: #b45309;
      font-weight: 600;
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
  `,
})
export class ThreadRowComponent {
  private readonly drafts = inject(MessageDrafts);
  readonly thread = input.required<ThreadSummary>();
  readonly testId = input.required<string>();
  /** Messages in it the signed-in person has not read (none: 0 or nothing). */
  readonly unread = input<number | undefined>(0);
  readonly showPeople = input(false);

  protected readonly draft = computed(() => this.drafts.of(this.thread().id));
  private readonly people = computed(() => participantsBesideSubject(this.thread()));
  protected readonly peopleLine = computed(() =>
    this.showPeople() || hasInactiveParticipant(this.thread()) ? this.people() : '',
  );
  protected readonly preview = computed(() => {
    const last = this.thread().lastMessage;
    if (last) return `${last.senderName}: ${last.body}`;
    return (!this.peopleLine() && this.people()) || 'No messages yet';
  });
}
