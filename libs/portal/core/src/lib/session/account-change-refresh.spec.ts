import { HttpTestingController } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { LoginResponse, StaffRole } from '@derm/shared/contracts';
import { loginResponse, setUpPortalCore, storeSession } from '../../testing/portal-testing';
import { ACCOUNT_REFRESH_RETRY_DELAYS_MS, AuthSession, REFRESH_URL } from './auth-session.service';

const unavailable = { status: 503, statusText: 'Service Unavailable' };
const lost = new ProgressEvent('error');

describe('AuthSession, when the refresh for a role changed while signed in fails', () => {
  let http: HttpTestingController;
  let session: AuthSession;
  let kept: LoginResponse;

  beforeEach(() => {
    jest.useFakeTimers();
    sessionStorage.clear();
    setUpPortalCore();
    http = TestBed.inject(HttpTestingController);
    kept = loginResponse('nurse');
    storeSession(kept);
    session = TestBed.inject(AuthSession);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  const changedTo = (role: StaffRole, id = kept.user.id, tenantId = kept.user.tenantId) =>
    session.accountChanged(tenantId, { ...kept.user, id, role, active: true });
  const renewedAs = (role: StaffRole): LoginResponse => ({
    ...kept,
    accessToken: `token-as-${role}`,
    user: { ...kept.user, role },
  });
  /** Waits out the delay before the next attempt, and expects no attempt before it. */
  function nextAttemptAfter(delayMs: number) {
    jest.advanceTimersByTime(delayMs - 1);
    http.expectNone(REFRESH_URL);
    jest.advanceTimersByTime(1);
    return http.expectOne(REFRESH_URL);
  }

  it('asks again after a server error and a lost answer, with growing delays, and applies the role', () => {
    changedTo('front-desk');
    http.expectOne(REFRESH_URL).flush({ message: 'Unavailable' }, unavailable);
    nextAttemptAfter(ACCOUNT_REFRESH_RETRY_DELAYS_MS[0]).error(lost);
    nextAttemptAfter(ACCOUNT_REFRESH_RETRY_DELAYS_MS[1]).flush(renewedAs('front-desk'));

    expect(session.user()?.role).toBe('front-desk');
    expect(session.accountChangeUnapplied()).toBe(false);
    jest.advanceTimersByTime(60_000);
    http.expectNone(REFRESH_URL);
  });

  it('says the change is not applied once every attempt failed, and no longer once a later refresh applies it', () => {
    changedTo('front-desk');
    http.expectOne(REFRESH_URL).flush({ message: 'Unavailable' }, unavailable);
    for (const delayMs of ACCOUNT_REFRESH_RETRY_DELAYS_MS) {
      expect(session.accountChangeUnapplied()).toBe(false);
      nextAttemptAfter(delayMs).flush({ message: 'Unavailable' }, unavailable);
    }
    expect(session.accountChangeUnapplied()).toBe(true);
    expect(session.user()?.role).toBe('nurse');
    expect(session.isAuthenticated()).toBe(true);
    // A limit, not a loop: nothing more is asked.
    jest.advanceTimersByTime(60_000);
    http.expectNone(REFRESH_URL);

    changedTo('provider');
    http.expectOne(REFRESH_URL).flush(renewedAs('provider'));
    expect(session.user()?.role).toBe('provider');
    expect(session.accountChangeUnapplied()).toBe(false);
  });

  it('signs the tab out on a 401, as any other 401, and asks nothing more', async () => {
    changedTo('front-desk');
    http.expectOne(REFRESH_URL).flush({ message: 'Unavailable' }, unavailable);
    nextAttemptAfter(ACCOUNT_REFRESH_RETRY_DELAYS_MS[0]).flush(
      { message: 'Unauthorized' },
      { status: 401, statusText: 'Unauthorized' },
    );

    expect(session.isAuthenticated()).toBe(false);
    expect(session.accountChangeUnapplied()).toBe(false);
    jest.advanceTimersByTime(60_000);
    http.expectNone(REFRESH_URL);
    jest.useRealTimers();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(TestBed.inject(Router).url).toBe('/login?reason=unauthorized');
  });

  it('asks nothing for a colleague’s change or another clinic’s account of the same id, and says nothing', () => {
    changedTo('front-desk', 'provider');
    changedTo('front-desk', kept.user.id, 'lakeside');
    http.expectNone(REFRESH_URL);
    expect(session.accountChangeUnapplied()).toBe(false);
  });

  it('forgets an unapplied change when the person signs out: the next one is not told of it', () => {
    changedTo('front-desk');
    http.expectOne(REFRESH_URL).error(lost);
    for (const delayMs of ACCOUNT_REFRESH_RETRY_DELAYS_MS) nextAttemptAfter(delayMs).error(lost);
    expect(session.accountChangeUnapplied()).toBe(true);

    session.logout();
    http.match(() => true).forEach((request) => request.flush(null));
    expect(session.accountChangeUnapplied()).toBe(false);
  });
});
