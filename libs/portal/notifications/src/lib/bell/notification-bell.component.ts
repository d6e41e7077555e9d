import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BrowserNotificationsToggleComponent } from '../browser/browser-notifications-toggle.component';
import { BrowserNotifier } from '../browser/browser-notifier.service';
import { NotificationInbox } from '../data/notification-inbox.service';
import { NotificationItemComponent } from '../item/notification-item.component';

const PANEL_ITEMS = 8;

/** The header bell: the unread count, and a panel of the latest notifications, unread first. */
@Component({
  selector: 'derm-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, NotificationItemComponent, BrowserNotificationsToggleComponent],
  templateUrl: './notification-bell.component.html',
  styleUrl: './notification-bell.component.css',
})
export class NotificationBellComponent {
  private readonly inbox = inject(NotificationInbox);
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');

  constructor() {
    // The bell is in the header for as long as someone is signed in: so are browser notifications.
    inject(BrowserNotifier);
  }

  protected readonly count = this.inbox.unreadCount;
  protected readonly items = computed(() => this.inbox.items().slice(0, PANEL_ITEMS));
  protected readonly label = computed(() => `Notifications, ${this.count()} unread`);
  protected readonly hasReadable = computed(() => this.inbox.items().some((n) => !n.readAt && !n.requiresAck));

  protected markAllRead(): void {
    void this.inbox.markAllRead();
  }

  protected close(): void {
    this.panel().nativeElement.hidePopover();
  }
}
