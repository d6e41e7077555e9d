import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { loginResponse, setUpPortalCore } from '../../testing/portal-testing';
import { LOGOUT_URL, ServerSignOut } from './server-sign-out';

describe('ServerSignOut', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    sessionStorage.clear();
    setUpPortalCore();
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  const noAnswer = () => new ProgressEvent('error');
  const offline = () => jest.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);

  it('sends a sign-out made without a network again once the browser is online, with its own token', () => {
    const session = loginResponse('nurse');
    offline();
    TestBed.inject(ServerSignOut).end(session);
    http.expectOne(LOGOUT_URL).error(noAnswer());
    http.expectNone(LOGOUT_URL);

    window.dispatchEvent(new Event('online'));
    const again = http.expectOne(LOGOUT_URL);
    expect(again.request.headers.get('Authorization')).toBe(`Bearer ${session.accessToken}`);
    again.flush(null);
    window.dispatchEvent(new Event('online'));
    http.expectNone(LOGOUT_URL);
  });

  it('takes a refusal as final: the session is already over', () => {
    offline();
    TestBed.inject(ServerSignOut).end(loginResponse('nurse'));
    http.expectOne(LOGOUT_URL).flush(null, { status: 401, statusText: 'Unauthorized' });
    window.dispatchEvent(new Event('online'));
    http.expectNone(LOGOUT_URL);
  });

  it('online but unanswered, waits longer each time, and stops once the token would have lapsed', () => {
    jest.useFakeTimers();
    const session = { ...loginResponse('nurse'), expiresAt: new Date(Date.now() + 5_000).toISOString() };
    TestBed.inject(ServerSignOut).end(session);
    http.expectOne(LOGOUT_URL).error(noAnswer());
    jest.advanceTimersByTime(999);
    http.expectNone(LOGOUT_URL);
    jest.advanceTimersByTime(1);
    http.expectOne(LOGOUT_URL).error(noAnswer());
    jest.advanceTimersByTime(1_999);
    http.expectNone(LOGOUT_URL);
    jest.advanceTimersByTime(1);
    http.expectOne(LOGOUT_URL).error(noAnswer());

    jest.advanceTimersByTime(60_000);
    http.expectNone(LOGOUT_URL);
  });
});
