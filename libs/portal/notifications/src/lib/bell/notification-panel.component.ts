import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BrowserNotificationsToggleComponent } from '../browser/browser-notifications-toggle.component';
import { NotificationInbox } from '../data/notification-inbox.service';
import { NotificationItemComponent } from '../item/notification-item.component';

const PANEL_ITEMS = 8;

/** What the bell opens: the latest notifications, unread first, "Mark all read", the browser opt-in. */
@Component({
  selector: 'derm-notification-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NotificationItemComponent, BrowserNotificationsToggleComponent],
  templateUrl: './notification-panel.component.html',
  styleUrl: './notification-panel.component.css',
})
export class NotificationPanelComponent {
  private readonly inbox = inject(NotificationInbox);

  /** Someone left for another page from the panel: the bell closes it. */
  readonly left = output<void>();

  protected readonly items = computed(() => this.inbox.items().slice(0, PANEL_ITEMS));
  protected readonly hasReadable = computed(() => this.inbox.items().some((n) => !n.readAt && !n.requiresAck));

  protected markAllRead(): void {
    void this.inbox.markAllRead();
  }
}
