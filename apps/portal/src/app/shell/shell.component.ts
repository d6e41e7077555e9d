import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
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
  // Heard from the whole frame; only the Menu's button and links act on them.
  host: { '(click)': 'chosenFromMenu($event)', '(keydown.escape)': 'closeMenu($event)' },
})
export class ShellComponent {
  private readonly session = inject(AuthSession);
  protected readonly connection = inject(ConnectionService);
  private readonly main = viewChild<ElementRef<HTMLElement>>('main');
  private readonly menuToggle = viewChild.required<ElementRef<HTMLButtonElement>>('menuToggle');
  private readonly mainNav = viewChild.required<ElementRef<HTMLElement>>('mainNav');
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
  /** Said when the fresh token for such a change could not be had: the pages follow the old role. */
  protected readonly accountChangeUnapplied = this.session.accountChangeUnapplied;
  protected readonly status = this.connection.status;
  protected readonly describe = describeConnection;
  /** Live-only figures (who is online) are greyed out while they cannot change. */
  protected readonly live = computed(() => this.status().state === 'connected');
  protected readonly offline = computed(() => {
    const state = this.status().state;
    return state === 'reconnecting' || state === 'disconnected' || state === 'offline';
  });
  /** Live again after the banner: said to screen readers, as the banner's leaving says nothing. */
  protected readonly backLive = signal(false);
  /** The navigation on narrow screens, where it folds behind "Menu". */
  protected readonly menuOpen = signal(false);

  constructor() {
    // Every change is seen here: a signal derived lazily would miss a banner shown and gone unread.
    let wasOffline = false;
    effect(() => {
      const offline = this.offline();
      this.backLive.set(!offline && wasOffline);
      wasOffline = offline;
    });
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.leaveMenu());
    const injector = inject(Injector);
    effect(() => {
      const notice = this.roleNotice();
      if (!notice || notice.left === null) return;
      afterNextRender(() => this.takeLostFocus(), { injector });
    });
  }

  /**
   * An admin page left for the schedule (a role change) took the focused control with it, and
   * the admin links went from the navigation: the page takes the focus, as from the Menu, rather
   * than the body. Focus kept elsewhere in the header stays where it is.
   */
  private takeLostFocus(): void {
    const focused = document.activeElement;
    if (focused === null || focused === document.body) this.main()?.nativeElement.focus();
  }

  /** Moves focus itself: following `#main` would go through the router and change the URL. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main()?.nativeElement.focus();
  }

  /**
   * A page chosen in the open Menu (the page shown already, chosen again, too). A browser may end
   * the navigation before the click gets here, so every navigation leaves the Menu as well.
   */
  protected chosenFromMenu(event: MouseEvent): void {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || !this.mainNav().nativeElement.contains(link)) return;
    // A link opened in another tab or window leaves the Menu and the focus as they are.
    if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey) this.leaveMenu();
  }

  /**
   * Folds the Menu. The link that had the focus hides with it, so the page takes the focus, as
   * "Skip to content" gives it, rather than the page's body.
   */
  private leaveMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    if (this.mainNav().nativeElement.contains(document.activeElement)) this.main()?.nativeElement.focus();
  }

  /** Escape on the open Menu's button or links folds it, and the focus goes back to its button. */
  protected closeMenu(event: Event): void {
    const toggle = this.menuToggle().nativeElement;
    const onMenu = event.target === toggle || this.mainNav().nativeElement.contains(event.target as Node);
    if (!this.menuOpen() || !onMenu) return;
    this.menuOpen.set(false);
    toggle.focus();
  }

  protected applyAccountChange(): void {
    this.session.applyAccountChange();
  }

  protected logout(): void {
    this.session.logout();
  }
}
