import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { Router } from '@angular/router';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationInbox } from '../data/notification-inbox.service';
import { KIND_LABELS } from './notification-labels';
import { ClinicTimePipe } from '@derm/portal/core';

/** One notification: opening it marks it read and follows its link; urgent alerts are acknowledged instead. */
@Component({
  selector: 'derm-notification-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe],
  templateUrl: './notification-item.component.html',
  styleUrl: './notification-item.component.css',
})
export class NotificationItemComponent {
  private readonly inbox = inject(NotificationInbox);
  private readonly router = inject(Router);

  readonly notification = input.required<NotificationView>();
  /** The item navigated away (a panel closes then). */
  readonly opened = output<void>();

  protected readonly kindLabels = KIND_LABELS;
  protected readonly unread = computed(() => !this.notification().readAt);
  /** An urgent alert is urgent by its kind: saying so twice ("Urgent alert · urgent") is noise. */
  protected readonly showsPriority = computed(() => {
    const { kind, priority } = this.notification();
    return (priority === 'high' || priority === 'urgent') && kind !== 'urgent-alert';
  });
  protected readonly awaitsAck = computed(() => this.notification().requiresAck && !this.notification().acknowledgedAt);

  protected open(): void {
    const { id, link } = this.notification();
    void this.inbox.markRead([id]);
    if (!link) return;
    this.opened.emit();
    void this.router.navigateByUrl(link);
  }

  protected markRead(): void {
    void this.inbox.markRead([this.notification().id]);
  }

  protected acknowledge(): void {
    void this.inbox.acknowledge(this.notification().id);
  }
}
