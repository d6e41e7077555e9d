import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { FakeBrowserTabs } from '../../testing/fake-browser-tabs';
import { loginResponse, setUpPortalCore, signIn, storeSession } from '../../testing/portal-testing';
import { LOST_ANSWER_RETRY_DELAYS_MS, retryLost } from '../http/retry-lost';
import { AuthSession, LOGIN_URL, REFRESH_URL, SessionUser } from './auth-session.service';
import { LOGOUT_URL } from './server-sign-out';

describe('AuthSession', () => {
  let http: HttpTestingController;
  let tabs: FakeBrowserTabs;

  beforeEach(() => {
    sessionStorage.clear();
    ({ tabs } = setUpPortalCore());
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  function changes(session: AuthSession): (SessionUser | null)[] {
    const users: (SessionUser | null)[] = [];
    session.userChanges$.subscribe((user) => users.push(user));
    return users;
  }

  it('signs in: the signals, the tab’s storage and userChanges$ all have the person', () => {
    const session = TestBed.inject(AuthSession);
    const users = changes(session);
    const response = loginResponse('nurse');
    let signedIn: SessionUser | undefined;
    session.login({ email: response.user.email, password: 'demo-password' }).subscribe((user) => (signedIn = user));
    const request = http.expectOne(LOGIN_URL);
    expect(request.request.body).toEqual({ email: response.user.email, password: 'demo-password' });
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(response);

    expect(signedIn).toEqual(response.user);
    expect(session.isAuthenticated()).toBe(true);
    expect(session.userId()).toBe('nurse');
    expect(session.token()).toBe(response.accessToken);
    expect(JSON.parse(sessionStorage.getItem('derm.session') ?? 'null')).toEqual(response);
    expect(users).toEqual([response.user]);
  });

  it('keeps the tab signed in across a reload, but not past the token’s expiry', () => {
    const kept = loginResponse('nurse');
    storeSession(kept);
    expect(TestBed.inject(AuthSession).user()).toEqual(kept.user);

    TestBed.resetTestingModule();
    setUpPortalCore();
    storeSession({ ...kept, expiresAt: new Date(Date.now() - 1_000).toISOString() });
    expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(false);
    http = TestBed.inject(HttpTestingController);
  });

  it('adds the bearer token to API calls, and signs out on a 401', async () => {
    const kept = loginResponse('nurse');
    storeSession(kept);
    const session = TestBed.inject(AuthSession);
    TestBed.inject(HttpClient)
      .get('/api/threads')
      .subscribe({ error: () => undefined });
    const request = http.expectOne('/api/threads');
    expect(request.request.headers.get('Authorization')).toBe(`Bearer ${kept.accessToken}`);
    request.flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(session.isAuthenticated()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/login?reason=unauthorized');
  });

  it('refreshes the token without a change of user', () => {
    const kept = loginResponse('nurse');
    storeSession(kept);
    const session = TestBed.inject(AuthSession);
    const users = changes(session);
    session.refresh();
    http.expectOne(REFRESH_URL).flush({ ...kept, accessToken: 'fresh-token' });
    expect(session.token()).toBe('fresh-token');
    expect(users).toEqual([]);
  });

  it('drops a refresh answered after the person signed out and the next one signed in: nobody is switched back', () => {
    const nurse = loginResponse('nurse');
    storeSession(nurse);
    const session = TestBed.inject(AuthSession);
    session.refresh();
    const renewal = http.expectOne(REFRESH_URL);
    session.logout();
    http.expectOne(LOGOUT_URL).flush(null);
    const next = loginResponse('frontdesk', 'lakeside');
    signIn(next);
    const users = changes(session);

    renewal.flush({ ...nurse, accessToken: 'renewed-nurse-token' });
    expect(session.user()).toEqual(next.user);
    expect(session.token()).toBe(next.accessToken);
    expect(JSON.parse(sessionStorage.getItem('derm.session') ?? 'null')).toEqual(next);
    expect(users).toEqual([]);
  });

  it('drops a refresh answered after the person signed out: the tab stays signed out', () => {
    const nurse = loginResponse('nurse');
    storeSession(nurse);
    const session = TestBed.inject(AuthSession);
    session.refresh();
    const renewal = http.expectOne(REFRESH_URL);
    session.logout();
    http.expectOne(LOGOUT_URL).flush(null);

    renewal.flush({ ...nurse, accessToken: 'renewed-nurse-token' });
    expect(session.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem('derm.session')).toBeNull();
  });

  it('a 401 to the previous person’s request, answered after the next one signed in, leaves the next one signed in', async () => {
    storeSession(loginResponse('nurse'));
    const session = TestBed.inject(AuthSession);
    TestBed.inject(HttpClient)
      .get('/api/threads')
      .subscribe({ error: () => undefined });
    const previous = http.expectOne('/api/threads');
    session.logout();
    http.expectOne(LOGOUT_URL).flush(null);
    const next = loginResponse('frontdesk', 'lakeside');
    signIn(next);

    previous.flush({ message: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(session.user()).toEqual(next.user);
    expect(TestBed.inject(Router).url).not.toContain('reason=unauthorized');
  });

  it('sends a request again after a lost answer for the person who made it only, never for the next one', () => {
    jest.useFakeTimers();
    const nurse = loginResponse('nurse');
    storeSession(nurse);
    const session = TestBed.inject(AuthSession);
    let failed: unknown = null;
    TestBed.inject(HttpClient)
      .post('/api/threads/t1/messages', { body: 'Biopsy kit is ready' })
      .pipe(retryLost())
      .subscribe({ error: (error: unknown) => (failed = error) });
    const first = http.expectOne('/api/threads/t1/messages');
    expect(first.request.headers.get('Authorization')).toBe(`Bearer ${nurse.accessToken}`);
    session.logout();
    http.expectOne(LOGOUT_URL).flush(null);
    signIn(loginResponse('frontdesk'));

    first.error(new ProgressEvent('error'));
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS.reduce((total, delay) => total + delay, 0));
    http.expectNone('/api/threads/t1/messages');
    expect(failed).toMatchObject({ status: 401 });
    expect(session.userId()).toBe('frontdesk');
  });

  it('signs out by hand: forgets the person at once, then tells the server with the old token', async () => {
    const kept = loginResponse('nurse');
    storeSession(kept);
    const session = TestBed.inject(AuthSession);
    const users = changes(session);
    session.logout();
    expect(session.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem('derm.session')).toBeNull();
    expect(users).toEqual([null]);
    const logout = http.expectOne(LOGOUT_URL);
    expect(logout.request.headers.get('Authorization')).toBe(`Bearer ${kept.accessToken}`);
    // Signing out does not depend on the server's answer.
    logout.flush(null, { status: 503, statusText: 'Unavailable' });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('ends an expired or revoked session without calling the server, saying why', async () => {
    storeSession(loginResponse('nurse'));
    TestBed.inject(AuthSession).logout('revoked');
    http.expectNone(LOGOUT_URL);
    await TestBed.inject(ApplicationRef).whenStable();
    expect(TestBed.inject(Router).url).toBe('/login?reason=revoked');
  });

  it('refreshes at 80 % of the token’s lifetime, and signs out at its expiry if refreshing failed', async () => {
    jest.useFakeTimers();
    const lifetimeMs = 10 * 60_000;
    storeSession(loginResponse('nurse', 'riverside', lifetimeMs));
    const session = TestBed.inject(AuthSession);

    jest.advanceTimersByTime(lifetimeMs * 0.8 - 1_000);
    http.expectNone(REFRESH_URL);
    jest.advanceTimersByTime(1_000);
    http.expectOne(REFRESH_URL).flush({ message: 'Unavailable' }, { status: 503, statusText: 'Unavailable' });
    expect(session.isAuthenticated()).toBe(true);

    jest.advanceTimersByTime(lifetimeMs * 0.2);
    expect(session.isAuthenticated()).toBe(false);
    jest.useRealTimers();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(TestBed.inject(Router).url).toBe('/login?reason=expired');
  });

  describe('on a shared computer, with the same browser’s other tabs', () => {
    const nurseSignedOut = { kind: 'signed-out', userId: 'nurse', tenantId: 'riverside' };

    it('signing out by hand tells the other tabs who signed out', () => {
      const otherTab = tabs.open();
      storeSession(loginResponse('nurse'));
      TestBed.inject(AuthSession).logout();
      http.expectOne(LOGOUT_URL).flush(null);
      expect(otherTab.heard).toEqual([nurseSignedOut]);
    });

    it.each(['expired', 'unauthorized', 'revoked'] as const)(
      'a session ended as %s ends on this tab alone: the other tabs hear nothing',
      (reason) => {
        const otherTab = tabs.open();
        storeSession(loginResponse('nurse'));
        TestBed.inject(AuthSession).logout(reason);
        expect(otherTab.heard).toEqual([]);
      },
    );

    it('a tab that is not signed in announces nothing when told to sign out', () => {
      const otherTab = tabs.open();
      TestBed.inject(AuthSession).logout();
      http.expectNone(LOGOUT_URL);
      expect(otherTab.heard).toEqual([]);
    });

    it('the same person’s sign-out in another tab signs this tab out too, ending its own session on the server', async () => {
      const otherTab = tabs.open();
      const kept = loginResponse('nurse');
      storeSession(kept);
      const session = TestBed.inject(AuthSession);
      const users = changes(session);

      otherTab.postMessage(nurseSignedOut);
      expect(session.isAuthenticated()).toBe(false);
      expect(sessionStorage.getItem('derm.session')).toBeNull();
      expect(users).toEqual([null]);
      const logout = http.expectOne(LOGOUT_URL);
      expect(logout.request.headers.get('Authorization')).toBe(`Bearer ${kept.accessToken}`);
      logout.flush(null);
      await TestBed.inject(ApplicationRef).whenStable();
      expect(TestBed.inject(Router).url).toBe('/login?reason=signed-out-in-another-tab');
      // Nothing is announced back: the tab that signed out already did.
      expect(otherTab.heard).toEqual([]);
    });

    it('another person’s sign-out, or the same id in another clinic, leaves this tab signed in', async () => {
      const otherTab = tabs.open();
      const kept = loginResponse('nurse');
      storeSession(kept);
      const session = TestBed.inject(AuthSession);
      const users = changes(session);

      otherTab.postMessage({ kind: 'signed-out', userId: 'frontdesk', tenantId: 'riverside' });
      otherTab.postMessage({ kind: 'signed-out', userId: 'nurse', tenantId: 'lakeside' });
      await TestBed.inject(ApplicationRef).whenStable();
      http.expectNone(LOGOUT_URL);
      expect(session.token()).toBe(kept.accessToken);
      expect(users).toEqual([]);
      expect(TestBed.inject(Router).url).toBe('/');
    });

    it('ignores a message from a tab that was not signed in, or one that is not a sign-out', async () => {
      const otherTab = tabs.open();
      const kept = loginResponse('nurse');
      storeSession(kept);
      const session = TestBed.inject(AuthSession);

      for (const message of [
        { kind: 'signed-out', userId: null, tenantId: null },
        { kind: 'signed-out', userId: '', tenantId: '' },
        { kind: 'signed-out' },
        { kind: 'signed-in', userId: 'nurse', tenantId: 'riverside' },
        'signed-out',
        null,
      ]) {
        otherTab.postMessage(message);
      }
      await TestBed.inject(ApplicationRef).whenStable();
      http.expectNone(LOGOUT_URL);
      expect(session.token()).toBe(kept.accessToken);
      expect(TestBed.inject(Router).url).toBe('/');
    });

    it('a tab that is not signed in does nothing about another tab’s sign-out', async () => {
      const otherTab = tabs.open();
      const session = TestBed.inject(AuthSession);
      const users = changes(session);
      otherTab.postMessage(nurseSignedOut);
      await TestBed.inject(ApplicationRef).whenStable();
      http.expectNone(LOGOUT_URL);
      expect(users).toEqual([]);
      expect(TestBed.inject(Router).url).toBe('/');
    });
  });
});
