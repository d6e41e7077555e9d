import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { BrowserNotificationSettings } from './browser-notification-settings.service';

/** The opt-in to browser notifications, with why it cannot be on when the browser says no. */
@Component({
  selector: 'derm-browser-notifications-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './browser-notifications-toggle.component.html',
  styleUrl: './browser-notifications-toggle.component.css',
})
export class BrowserNotificationsToggleComponent {
  private readonly settings = inject(BrowserNotificationSettings);

  protected readonly on = computed(() => this.settings.optedIn() && this.settings.support() === 'granted');
  protected readonly unavailable = computed(() => {
    switch (this.settings.support()) {
      case 'unsupported':
        return 'This browser cannot show notifications.';
      case 'denied':
        return 'Blocked for this site in the browser’s settings.';
      default:
        return null;
    }
  });

  protected async toggle(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    if (box.checked) await this.settings.optIn();
    else this.settings.optOut();
    box.checked = this.on();
  }
}
