import { inject, Injectable } from '@angular/core';
import { Router } from '@angular/router';
import { AuthSession, ConnectionService, PageVisibility } from '@derm/portal/core';
import { MessagingEvents } from '@derm/portal/messaging';
import { ROLE_LABELS } from '@derm/portal/util';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationEvents } from '../data/notification-events.service';
import { BrowserNotificationSettings } from './browser-notification-settings.service';
import { UrgentSound } from './urgent-sound.service';

interface Shown {
  title: string;
  body: string;
  /** The browser replaces a notification with the same tag: one per alert or message, however many tabs. */
  tag: string;
  link: string;
  urgent: boolean;
}

/**
 * Urgent alerts (with a sound) and new messages from others, shown by the browser while this tab is
 * hidden and the person opted in. Only what this person's own connection brings, never after they
 * sign out or someone else signs in on this tab. A message's text stays in the portal: the
 * system's notification centre (and lock screen) shows only who wrote.
 */
@Injectable({ providedIn: 'root' })
export class BrowserNotifier {
  private readonly settings = inject(BrowserNotificationSettings);
  private readonly session = inject(AuthSession);
  private readonly visibility = inject(PageVisibility);
  private readonly sound = inject(UrgentSound);
  private readonly router = inject(Router);
  /** Open notifications by tag, closed when acknowledged here or elsewhere, and at a change of user. */
  private readonly open = new Map<string, Notification>();
  /** Urgent alerts come again on every connection until acknowledged: each is shown once. */
  private readonly alreadyShown = new Set<string>();

  constructor() {
    const notifications = inject(NotificationEvents);
    notifications.new$.subscribe(({ tenantId, data: { notification } }) => {
      if (tenantId === this.session.user()?.tenantId && isUnacknowledgedAlert(notification)) this.alert(notification);
    });
    notifications.read$.subscribe(({ ids }) => ids.forEach((id) => this.close(id)));
    inject(MessagingEvents).messages$.subscribe(({ tenantId, data: { threadId, message } }) => {
      const me = this.session.user();
      if (!me || tenantId !== me.tenantId || message.senderId === me.id) return;
      this.show({
        title: `New message from ${message.senderName}`,
        body: 'Open the portal to read it.',
        tag: message.id,
        link: `/messages/${threadId}`,
        urgent: false,
      });
    });
    inject(ConnectionService).userChanged$.subscribe(() => this.forgetAll());
  }

  private alert(notification: NotificationView): void {
    const sender = notification.sender;
    this.show({
      title: `Urgent alert: ${notification.title}`,
      body: sender ? `From ${sender.name} · ${ROLE_LABELS[sender.role]}` : 'Needs your acknowledgement.',
      tag: notification.id,
      link: '/notifications',
      urgent: true,
    });
  }

  private show({ title, body, tag, link, urgent }: Shown): void {
    if (this.visibility.visible() || !this.settings.allowsNotifying()) return;
    if (this.alreadyShown.has(tag)) return;
    this.alreadyShown.add(tag);
    const shown = new Notification(title, { body, tag, requireInteraction: urgent });
    shown.onclick = () => {
      window.focus();
      void this.router.navigateByUrl(link);
      this.close(tag);
    };
    shown.onclose = () => this.open.delete(tag);
    this.open.set(tag, shown);
    if (urgent) this.sound.play();
  }

  private close(tag: string): void {
    this.open.get(tag)?.close();
    this.open.delete(tag);
  }

  private forgetAll(): void {
    this.open.forEach((shown) => shown.close());
    this.open.clear();
    this.alreadyShown.clear();
  }
}

const isUnacknowledgedAlert = (notification: NotificationView) =>
  notification.kind === 'urgent-alert' && notification.requiresAck && !notification.acknowledgedAt;
