import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { LoadingPlaceholderComponent, ShowMoreComponent } from '@derm/portal/ui';
import { NotificationInbox } from '../data/notification-inbox.service';
import { NotificationItemComponent } from '../item/notification-item.component';

/**
 * Every notification of the signed-in person, unread first, a page at a time. While the inbox
 * loads, a placeholder stands in for it and its actions wait.
 */
@Component({
  selector: 'derm-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingPlaceholderComponent, NotificationItemComponent, ShowMoreComponent],
  templateUrl: './notifications-page.component.html',
  styleUrl: './notifications-page.component.css',
})
export class NotificationsPage {
  protected readonly inbox = inject(NotificationInbox);
  protected readonly loading = this.inbox.loading;
  protected readonly hasReadable = computed(
    () => !this.loading() && this.inbox.items().some((n) => !n.readAt && !n.requiresAck),
  );
}
