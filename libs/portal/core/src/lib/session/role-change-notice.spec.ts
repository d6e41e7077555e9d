import { HttpTestingController } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, Routes } from '@angular/router';
import { LoginResponse, StaffRole } from '@derm/shared/contracts';
import { loginResponse, setUpPortalCore, signIn, storeSession } from '../../testing/portal-testing';
import { AuthSession, REFRESH_URL } from './auth-session.service';
import { adminGuard } from './auth.guard';
import { RoleChangeNotice } from './role-change-notice';

const routes: Routes = [
  { path: 'login', children: [] },
  { path: 'schedule', title: 'Schedule', children: [] },
  { path: 'staff', children: [{ path: '', title: 'Staff', canActivate: [adminGuard], children: [] }] },
  { path: '', pathMatch: 'full', redirectTo: 'schedule' },
];

describe('RoleChangeNotice', () => {
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    sessionStorage.clear();
    setUpPortalCore();
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    router.resetConfig(routes);
  });

  afterEach(() => http.verify());

  function signedInAs(role: StaffRole): { session: LoginResponse; notice: RoleChangeNotice } {
    const kept = loginResponse('person');
    const session = { ...kept, user: { ...kept.user, role } };
    storeSession(session);
    return { session, notice: TestBed.inject(RoleChangeNotice) };
  }

  /** An admin gives the person another role; the fresh token says so. */
  function roleChangedTo(session: LoginResponse, role: StaffRole): LoginResponse {
    TestBed.inject(AuthSession).accountChanged(session.user.tenantId, { ...session.user, role, active: true });
    const renewed = { ...session, accessToken: `token-as-${role}`, user: { ...session.user, role } };
    http.expectOne(REFRESH_URL).flush(renewed);
    return renewed;
  }

  it('takes a demoted admin off an admin page to the schedule, saying why', async () => {
    const { session, notice } = signedInAs('admin');
    expect(await router.navigateByUrl('/staff')).toBe(true);

    roleChangedTo(session, 'nurse');
    await TestBed.inject(ApplicationRef).whenStable();
    expect(router.url).toBe('/schedule');
    expect(notice.notice()).toEqual({ role: 'nurse', left: 'Staff' });
  });

  it('leaves a page the new role may still use where it is, and says the role changed', async () => {
    const { session, notice } = signedInAs('nurse');
    await router.navigateByUrl('/schedule');

    roleChangedTo(session, 'front-desk');
    expect(notice.notice()).toEqual({ role: 'front-desk', left: null });
    expect(router.url).toBe('/schedule');
  });

  it('lets someone made admin open the admin pages at once', async () => {
    const { session } = signedInAs('front-desk');
    await router.navigateByUrl('/staff');
    expect(router.url).toBe('/schedule');

    roleChangedTo(session, 'admin');
    expect(await router.navigateByUrl('/staff')).toBe(true);
    expect(router.url).toBe('/staff');
  });

  it('says nothing for a refresh that keeps the role, and forgets what it said at the next navigation and at sign-out', async () => {
    const { session, notice } = signedInAs('nurse');
    await router.navigateByUrl('/schedule');
    TestBed.inject(AuthSession).refresh();
    http.expectOne(REFRESH_URL).flush({ ...session, accessToken: 'same-role' });
    expect(notice.notice()).toBeNull();

    const renewed = roleChangedTo(session, 'provider');
    expect(notice.notice()).not.toBeNull();
    await router.navigateByUrl('/staff');
    expect(notice.notice()).toBeNull();

    roleChangedTo(renewed, 'front-desk');
    expect(notice.notice()).not.toBeNull();
    TestBed.inject(AuthSession).logout('expired');
    expect(notice.notice()).toBeNull();
  });

  it('says nothing to the next person signing in on the tab', async () => {
    const { notice } = signedInAs('nurse');
    TestBed.inject(AuthSession).logout('expired');
    const next = loginResponse('frontdesk', 'lakeside');
    signIn({ ...next, user: { ...next.user, role: 'admin' } });
    expect(notice.notice()).toBeNull();
  });
});
