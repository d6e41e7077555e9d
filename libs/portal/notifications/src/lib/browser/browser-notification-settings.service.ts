import { computed, inject, Injectable, signal } from '@angular/core';
import { AuthSession } from '@derm/portal/core';
import { UrgentSound } from './urgent-sound.service';

const storageKey = (userId: string) => `derm.browser-notifications.${userId}`;

/** Where this browser stands: no Notification API, not asked yet, allowed, or refused for good. */
export type BrowserNotificationSupport = 'unsupported' | NotificationPermission;

/**
 * Each person's choice to be notified by the browser while the portal's tab is hidden, remembered
 * in this browser per person. The browser's permission is asked only when someone opts in.
 */
@Injectable({ providedIn: 'root' })
export class BrowserNotificationSettings {
  private readonly session = inject(AuthSession);
  private readonly sound = inject(UrgentSound);
  private readonly permission = signal<BrowserNotificationSupport>(currentSupport());
  /** localStorage is not a signal: bumped whenever it is written, here or on another tab. */
  private readonly written = signal(0);

  readonly support = this.permission.asReadonly();
  /** The signed-in person opted in here; off for everyone else, and while nobody is signed in. */
  readonly optedIn = computed(() => {
    this.written();
    const userId = this.session.userId();
    return userId !== null && localStorage.getItem(storageKey(userId)) === 'on';
  });

  constructor() {
    window.addEventListener('storage', () => this.written.update((n) => n + 1));
  }

  /** Whether to show one now: opted in, and still allowed by the browser (which can be changed in its settings). */
  allowsNotifying(): boolean {
    return this.optedIn() && currentSupport() === 'granted';
  }

  /** From a click: asks the browser if it has not been answered, then remembers the choice. */
  async optIn(): Promise<void> {
    const userId = this.session.userId();
    if (userId === null || this.permission() === 'unsupported') return;
    this.sound.unlock();
    const answer =
      Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    this.permission.set(answer);
    if (answer === 'granted' && this.session.userId() === userId) this.remember(userId, true);
  }

  optOut(): void {
    const userId = this.session.userId();
    if (userId !== null) this.remember(userId, false);
  }

  private remember(userId: string, on: boolean): void {
    if (on) localStorage.setItem(storageKey(userId), 'on');
    else localStorage.removeItem(storageKey(userId));
    this.written.update((n) => n + 1);
  }
}

function currentSupport(): BrowserNotificationSupport {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
