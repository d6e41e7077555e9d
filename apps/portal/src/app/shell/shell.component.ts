import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthSession, ClinicClock, ConnectionService, RoleChangeNotice } from '@derm/portal/core';
import { UnreadMessages } from '@derm/portal/messaging';
import {
  NotificationBellComponent,
  NotificationToastsComponent,
  UrgentAlertModalComponent,
} from '@derm/portal/notifications';
import { OnlineStaffPanelComponent, OnlineStaffService } from '@derm/portal/presence';
import { ConnectionBadgeComponent, ConnectionStatusComponent, describeConnection } from '@derm/portal/ui';
import { RoleLabelPipe } from '@derm/portal/util';
import { filter } from 'rxjs';

interface NavItem {
  path: string;
  label: string;
}

/** The signed-in frame: header with navigation, user, connection state; the page below. */
@Component({
  selector: 'derm-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    ConnectionBadgeComponent,
    ConnectionStatusComponent,
    OnlineStaffPanelComponent,
    NotificationBellComponent,
    NotificationToastsComponent,
    UrgentAlertModalComponent,
    RoleLabelPipe,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  private readonly session = inject(AuthSession);
  protected readonly connection = inject(ConnectionService);
  private readonly main = viewChild<ElementRef<HTMLElement>>('main');
  /** Every time on the pages is on the clinic's clock; said here when the browser's differs. */
  protected readonly clock = inject(ClinicClock);

  protected readonly nav: readonly NavItem[] = [
    { path: '/schedule', label: 'Schedule' },
    { path: '/patients', label: 'Patients' },
    { path: '/alerts', label: 'Alerts' },
  ];
  protected readonly adminNav: readonly NavItem[] = [
    { path: '/audit', label: 'Audit' },
    { path: '/operations', label: 'Operations' },
    { path: '/staff', label: 'Staff' },
  ];
  protected readonly online = inject(OnlineStaffService).online;
  protected readonly unreadMessages = inject(UnreadMessages).total;
  protected readonly user = this.session.user;
  /** Said when an admin gave the signed-in person another role, and why a page was left. */
  protected readonly roleNotice = inject(RoleChangeNotice).notice;
  protected readonly status = this.connection.status;
  protected readonly describe = describeConnection;
  /** Live-only figures (who is online) are greyed out while they cannot change. */
  protected readonly live = computed(() => this.status().state === 'connected');
  protected readonly offline = computed(() => {
    const state = this.status().state;
    return state === 'reconnecting' || state === 'disconnected' || state === 'offline';
  });
  /** The navigation on narrow screens, where it folds behind "Menu". */
  protected readonly menuOpen = signal(false);

  constructor() {
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.menuOpen.set(false));
  }

  /** Moves focus itself: following `#main` would go through the router and change the URL. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main()?.nativeElement.focus();
  }

  protected logout(): void {
    this.session.logout();
  }
}
