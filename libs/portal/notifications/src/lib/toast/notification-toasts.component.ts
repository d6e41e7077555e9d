import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationInbox } from '../data/notification-inbox.service';

const SHOWN_MS = 8_000;
const MAX_SHOWN = 3;

/** Pops up high-priority notifications (a lab result, a denied prior authorization) for a few seconds. */
@Component({
  selector: 'derm-notification-toasts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notification-toasts.component.html',
  styleUrl: './notification-toasts.component.css',
})
export class NotificationToastsComponent {
  private readonly inbox = inject(NotificationInbox);
  private readonly router = inject(Router);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  protected readonly toasts = signal<NotificationView[]>([]);

  constructor() {
    this.inbox.toasts$.pipe(takeUntilDestroyed()).subscribe((notification) => this.show(notification));
    inject(DestroyRef).onDestroy(() => this.timers.forEach((timer) => clearTimeout(timer)));
  }

  protected open(notification: NotificationView): void {
    this.dismiss(notification.id);
    void this.inbox.markRead([notification.id]);
    if (notification.link) void this.router.navigateByUrl(notification.link);
  }

  protected dismiss(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.toasts.update((list) => list.filter((n) => n.id !== id));
  }

  private show(notification: NotificationView): void {
    this.toasts.update((list) => [notification, ...list].slice(0, MAX_SHOWN));
    this.timers.set(
      notification.id,
      setTimeout(() => this.dismiss(notification.id), SHOWN_MS),
    );
  }
}
