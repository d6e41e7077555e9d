import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
  ViewContainerRef,
} from '@angular/core';
import { BrowserNotifier } from '../browser/browser-notifier.service';
import { NotificationInbox } from '../data/notification-inbox.service';
import { whenIdle } from './when-idle';

/**
 * The header bell: the unread count at once. Its panel's code is a chunk of its own, kept off the
 * first load and fetched as soon as the page is idle, so that opening the bell does not wait for
 * the network (which may be down by then). Not `@defer`: its runtime would weigh more than the panel.
 */
@Component({
  selector: 'derm-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notification-bell.component.html',
  styleUrl: './notification-bell.component.css',
})
export class NotificationBellComponent {
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');
  private readonly panelHost = viewChild.required('panelHost', { read: ViewContainerRef });
  private readonly destroyRef = inject(DestroyRef);
  private panelLoad: Promise<void> | null = null;

  protected readonly count = inject(NotificationInbox).unreadCount;
  protected readonly label = computed(() => `Notifications, ${this.count()} unread`);
  /** Only if the panel's code could not be fetched, both when idle and when opened: opening again retries. */
  protected readonly panelFailed = signal(false);

  constructor() {
    // The bell is in the header for as long as someone is signed in: so are browser notifications.
    inject(BrowserNotifier);
    afterNextRender(() => this.destroyRef.onDestroy(whenIdle(() => void this.showPanel())));
  }

  protected toggled(event: Event): void {
    if ((event as ToggleEvent).newState === 'open') void this.showPanel();
  }

  protected close(): void {
    this.panel().nativeElement.hidePopover();
  }

  private showPanel(): Promise<void> {
    this.panelLoad ??= import('./notification-panel.component').then(
      ({ NotificationPanelComponent }) => {
        if (this.destroyRef.destroyed) return;
        const panel = this.panelHost().createComponent(NotificationPanelComponent);
        panel.instance.left.subscribe(() => this.close());
        this.panelFailed.set(false);
      },
      () => {
        this.panelLoad = null;
        this.panelFailed.set(true);
      },
    );
    return this.panelLoad;
  }
}
