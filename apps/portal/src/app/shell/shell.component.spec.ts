import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ACCOUNT_REFRESH_RETRY_DELAYS_MS, adminGuard, AuthSession, REFRESH_URL } from '@derm/portal/core';
import { loginResponse, setUpPortalCore, storeSession } from '@derm/portal/core/testing';
import { UnreadMessages } from '@derm/portal/messaging';
import {
  NotificationBellComponent,
  NotificationToastsComponent,
  UrgentAlertModalComponent,
} from '@derm/portal/notifications';
import { OnlineStaffPanelComponent, OnlineStaffService } from '@derm/portal/presence';
import { LoginResponse, StaffRole } from '@derm/shared/contracts';
import { ShellComponent } from './shell.component';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '<h1>Page</h1>' })
class PageStub {}
@Component({ selector: 'derm-notification-bell', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class BellStub {}
@Component({ selector: 'derm-online-staff-panel', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class OnlineStub {}
@Component({ selector: 'derm-notification-toasts', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class ToastsStub {}
@Component({ selector: 'derm-urgent-alert-modal', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class UrgentStub {}

describe('ShellComponent', () => {
  let http: HttpTestingController;
  let router: Router;

  function render(role: StaffRole = 'nurse'): { shell: ComponentFixture<ShellComponent>; session: LoginResponse } {
    sessionStorage.clear();
    setUpPortalCore();
    TestBed.configureTestingModule({
      providers: [
        { provide: OnlineStaffService, useValue: { online: signal([]) } },
        { provide: UnreadMessages, useValue: { total: signal(0) } },
      ],
    });
    // The header's panels and the alerts are tested in their own libraries.
    TestBed.overrideComponent(ShellComponent, {
      remove: {
        imports: [
          NotificationBellComponent,
          OnlineStaffPanelComponent,
          NotificationToastsComponent,
          UrgentAlertModalComponent,
        ],
      },
      add: { imports: [BellStub, OnlineStub, ToastsStub, UrgentStub] },
    });
    const kept = loginResponse('person');
    const session = { ...kept, user: { ...kept.user, role } };
    storeSession(session);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    router.resetConfig([
      { path: 'schedule', title: 'Schedule', component: PageStub },
      { path: 'patients', title: 'Patients', component: PageStub },
      { path: 'alerts', title: 'Alerts', component: PageStub },
      { path: 'messages', title: 'Messages', component: PageStub },
      ...['audit', 'operations', 'staff'].map((path) => ({
        path,
        title: path === 'staff' ? 'Staff' : path,
        canActivate: [adminGuard],
        component: PageStub,
      })),
      { path: '', pathMatch: 'full' as const, redirectTo: 'schedule' },
    ]);
    const shell = TestBed.createComponent(ShellComponent);
    document.body.appendChild(shell.nativeElement);
    return { shell, session };
  }

  afterEach(() => {
    http.verify();
    document.body.replaceChildren();
  });

  const element = <E extends Element = HTMLElement>(shell: ComponentFixture<unknown>, selector: string) =>
    (shell.nativeElement as HTMLElement).querySelector<E & HTMLElement>(selector);
  const toggle = (shell: ComponentFixture<unknown>) => element(shell, '[data-testid="nav-toggle"]')!;
  const navLinks = (shell: ComponentFixture<unknown>) =>
    Array.from((shell.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('#main-nav a')).map((link) =>
      link.textContent?.trim(),
    );
  const link = (shell: ComponentFixture<unknown>, name: string) =>
    Array.from((shell.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('#main-nav a')).find((a) =>
      a.textContent?.trim().startsWith(name),
    )!;
  const escape = (target: HTMLElement) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));

  async function openMenu(shell: ComponentFixture<ShellComponent>): Promise<void> {
    toggle(shell).click();
    await shell.whenStable();
    expect(toggle(shell).getAttribute('aria-expanded')).toBe('true');
  }

  /** The schedule shown, the Menu open, and the focus on one of its links. */
  async function menuOpenOnLink(name: string): Promise<ComponentFixture<ShellComponent>> {
    const { shell } = render();
    await router.navigateByUrl('/schedule');
    await shell.whenStable();
    await openMenu(shell);
    link(shell, name).focus();
    return shell;
  }

  async function expectPageFocused(shell: ComponentFixture<ShellComponent>): Promise<void> {
    await shell.whenStable();
    expect(toggle(shell).getAttribute('aria-expanded')).toBe('false');
    expect(element(shell, '#main-nav')?.classList.contains('open')).toBe(false);
    expect(document.activeElement).toBe(element(shell, 'main#main'));
  }

  describe('the Menu (narrow screens)', () => {
    it('a page chosen from the open Menu closes it and gives the focus to the page, as "Skip to content" does', async () => {
      const shell = await menuOpenOnLink('Patients');
      link(shell, 'Patients').click();
      await expectPageFocused(shell);
      expect(router.url).toBe('/patients');
    });

    it('gives the page the focus also when the navigation ends before the click reaches the Menu (a preloaded page, a trusted click)', async () => {
      const shell = await menuOpenOnLink('Alerts');
      // A browser runs the navigation's promises between the link's listener and the Menu's.
      await router.navigateByUrl('/alerts');
      await expectPageFocused(shell);
    });

    it('the page already shown, chosen again, closes the Menu and gives the page the focus too', async () => {
      const shell = await menuOpenOnLink('Schedule');
      link(shell, 'Schedule').click();
      await expectPageFocused(shell);
      expect(router.url).toBe('/schedule');
    });

    it('Escape closes the open Menu and gives the focus back to the Menu button', async () => {
      const shell = await menuOpenOnLink('Alerts');
      escape(link(shell, 'Alerts'));
      await shell.whenStable();
      expect(toggle(shell).getAttribute('aria-expanded')).toBe('false');
      expect(document.activeElement).toBe(toggle(shell));

      // On the button itself, too.
      await openMenu(shell);
      toggle(shell).focus();
      escape(toggle(shell));
      await shell.whenStable();
      expect(toggle(shell).getAttribute('aria-expanded')).toBe('false');
      expect(document.activeElement).toBe(toggle(shell));
    });

    it('leaves the focus where it is for a link followed with the Menu closed (wide screens) and for Escape elsewhere', async () => {
      const { shell } = render();
      await router.navigateByUrl('/schedule');
      await shell.whenStable();
      link(shell, 'Patients').focus();
      link(shell, 'Patients').click();
      await shell.whenStable();
      expect(router.url).toBe('/patients');
      expect(document.activeElement).toBe(link(shell, 'Patients'));

      escape(link(shell, 'Patients'));
      await shell.whenStable();
      expect(document.activeElement).toBe(link(shell, 'Patients'));
      expect(toggle(shell).getAttribute('aria-expanded')).toBe('false');
    });
  });

  describe('the signed-in person’s role, changed by an admin while signed in', () => {
    function roleChangedTo(session: LoginResponse, role: StaffRole): void {
      TestBed.inject(AuthSession).accountChanged(session.user.tenantId, { ...session.user, role, active: true });
      http.expectOne(REFRESH_URL).flush({ ...session, accessToken: `as-${role}`, user: { ...session.user, role } });
    }
    const notice = (shell: ComponentFixture<unknown>) =>
      element(shell, '[data-testid="role-changed"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

    it('made admin: the admin pages join the navigation at once and open', async () => {
      const { shell, session } = render('front-desk');
      await router.navigateByUrl('/schedule');
      await shell.whenStable();
      expect(navLinks(shell)).toEqual(['Schedule', 'Patients', 'Alerts', 'Messages 0']);

      roleChangedTo(session, 'admin');
      await shell.whenStable();
      expect(navLinks(shell)).toEqual(['Schedule', 'Patients', 'Alerts', 'Messages 0', 'Audit', 'Operations', 'Staff']);
      expect(notice(shell)).toBe('Your role is now Admin.');
      link(shell, 'Staff').click();
      await shell.whenStable();
      expect(router.url).toBe('/staff');
      expect(notice(shell)).toBe('');
    });

    it('an admin no longer: taken off the admin page to the schedule, saying why, and the admin pages leave the navigation', async () => {
      const { shell, session } = render('admin');
      await router.navigateByUrl('/staff');
      await shell.whenStable();

      roleChangedTo(session, 'nurse');
      await shell.whenStable();
      expect(router.url).toBe('/schedule');
      expect(navLinks(shell)).toEqual(['Schedule', 'Patients', 'Alerts', 'Messages 0']);
      expect(notice(shell)).toBe('Your role is now Nurse. Staff is for admins, so the schedule is shown instead.');
      expect(element(shell, '[data-testid="role-changed"]')?.closest('[role="status"]')).not.toBeNull();
    });

    it('a colleague’s change, or another clinic’s account of the same id, changes nothing here', async () => {
      const { shell, session } = render('front-desk');
      await router.navigateByUrl('/schedule');
      await shell.whenStable();
      const auth = TestBed.inject(AuthSession);
      auth.accountChanged(session.user.tenantId, { id: 'colleague', name: 'Nora', role: 'admin', active: true });
      auth.accountChanged('lakeside', { ...session.user, role: 'admin', active: true });
      http.expectNone(REFRESH_URL);
      await shell.whenStable();
      expect(navLinks(shell)).toEqual(['Schedule', 'Patients', 'Alerts', 'Messages 0']);
      expect(notice(shell)).toBe('');
      expect(auth.user()?.role).toBe('front-desk');
    });

    it('an admin no longer, on an admin page: the page shown instead takes the focus its admin link had, not the body', async () => {
      const { shell, session } = render('admin');
      await router.navigateByUrl('/staff');
      await shell.whenStable();
      link(shell, 'Staff').focus();

      roleChangedTo(session, 'nurse');
      await shell.whenStable();
      expect(router.url).toBe('/schedule');
      expect(document.activeElement).toBe(element(shell, 'main#main'));
    });

    it('an admin no longer, with the focus elsewhere in the header: it stays there', async () => {
      const { shell, session } = render('admin');
      await router.navigateByUrl('/staff');
      await shell.whenStable();
      const signOut = element(shell, '[data-testid="logout"]')!;
      signOut.focus();

      roleChangedTo(session, 'nurse');
      await shell.whenStable();
      expect(router.url).toBe('/schedule');
      expect(document.activeElement).toBe(signOut);
    });

    it('a change whose fresh token cannot be had says so, with how to apply it; a colleague’s tab says nothing', async () => {
      const { shell, session } = render('nurse');
      await router.navigateByUrl('/schedule');
      await shell.whenStable();
      const unapplied = () =>
        element(shell, '[data-testid="role-change-unapplied"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

      jest.useFakeTimers();
      TestBed.inject(AuthSession).accountChanged(session.user.tenantId, {
        ...session.user,
        id: 'colleague',
        role: 'admin',
        active: true,
      });
      TestBed.inject(AuthSession).accountChanged(session.user.tenantId, {
        ...session.user,
        role: 'front-desk',
        active: true,
      });
      http.expectOne(REFRESH_URL).flush({ message: 'Unavailable' }, { status: 503, statusText: 'Unavailable' });
      for (const delayMs of ACCOUNT_REFRESH_RETRY_DELAYS_MS) {
        jest.advanceTimersByTime(delayMs);
        http.expectOne(REFRESH_URL).error(new ProgressEvent('error'));
      }
      shell.detectChanges();
      jest.useRealTimers();
      expect(unapplied()).toBe(
        'Your role or name was changed, but this page could not apply it and may still offer what you could do before. Try again, or sign out and in again. Try again',
      );
      expect(element(shell, '[data-testid="role-change-unapplied"]')?.closest('[role="status"]')).not.toBeNull();
      expect(TestBed.inject(AuthSession).user()?.role).toBe('nurse');

      // Try again: the fresh token comes this time, and the notice gives way to the new role's.
      element(shell, '[data-testid="role-change-retry"]')!.click();
      http
        .expectOne(REFRESH_URL)
        .flush({ ...session, accessToken: 'as-front-desk', user: { ...session.user, role: 'front-desk' } });
      await shell.whenStable();
      expect(unapplied()).toBe('');
      expect(notice(shell)).toBe('Your role is now Front desk.');
    });
  });
});
