import { TestBed } from '@angular/core/testing';
import { LoginResponse } from '@derm/shared/contracts';
import { loginResponse, setUpPortalCore, storeSession } from '../../testing/portal-testing';
import { ClinicClock } from './clinic-clock.service';
import { ClinicTimePipe } from './clinic-time.pipe';

describe('ClinicTimePipe and ClinicClock', () => {
  beforeEach(() => sessionStorage.clear());

  /** A tab signed in to a clinic in `timeZone` (undefined: a session kept from before clinics had one). */
  function signedInAt(timeZone: string | undefined): { pipe: ClinicTimePipe; clock: ClinicClock } {
    setUpPortalCore();
    const session = loginResponse('nurse');
    const user: Partial<LoginResponse['user']> = { ...session.user, timeZone };
    if (timeZone === undefined) delete user.timeZone;
    storeSession({ ...session, user } as LoginResponse);
    return {
      pipe: TestBed.runInInjectionContext(() => new ClinicTimePipe()),
      clock: TestBed.inject(ClinicClock),
    };
  }

  it('shows an instant on the clinic’s clock, in each format', () => {
    const { pipe, clock } = signedInAt('America/New_York');
    const instant = '2026-12-02T01:30:05.000Z';
    expect(clock.timeZone()).toBe('America/New_York');
    expect(clock.zoneName()).toBe('New York');
    expect(pipe.transform(instant)).toBe('20:30');
    expect(pipe.transform(instant, 'seconds')).toBe('20:30:05');
    expect(pipe.transform(instant, 'day-time')).toBe('Dec 1, 20:30');
    expect(pipe.transform(instant, 'day-seconds')).toBe('Dec 1, 20:30:05');
    expect(pipe.transform(instant, 'full')).toBe('Dec 1, 2026, 20:30:05');
    expect(pipe.transform(instant, 'day')).toBe('Dec 1');
    expect(pipe.transform(undefined)).toBe('');
  });

  it('shows a recent instant as the time on the clinic’s today, else as its day', () => {
    const { pipe, clock } = signedInAt('Australia/Sydney');
    const now = new Date();
    expect(pipe.transform(now.toISOString(), 'recent')).toBe(pipe.transform(now.toISOString(), 'time'));
    const yesterday = new Date(Date.parse(`${clock.today()}T12:00:00Z`) - 86_400_000).toISOString();
    expect(pipe.transform(yesterday, 'recent')).toBe(pipe.transform(yesterday, 'day'));
    expect(pipe.transform(yesterday, 'recent')).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
  });

  it('follows the clinic across a daylight-saving change, unlike a fixed offset', () => {
    const { pipe } = signedInAt('Europe/Berlin');
    expect(pipe.transform('2026-03-28T08:00:00.000Z')).toBe('09:00');
    expect(pipe.transform('2026-03-30T08:00:00.000Z')).toBe('10:00');
  });

  it('falls back to UTC for a session without a zone, or with one this browser does not know', () => {
    expect(signedInAt(undefined).clock.timeZone()).toBe('UTC');
    TestBed.resetTestingModule();
    sessionStorage.clear();
    expect(signedInAt('Mars/Olympus_Mons').clock.timeZone()).toBe('UTC');
  });

  it('says whether the clinic’s zone differs from the browser’s', () => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(signedInAt(browserZone).clock.differsFromBrowser()).toBe(false);
    TestBed.resetTestingModule();
    sessionStorage.clear();
    const other = browserZone === 'Australia/Sydney' ? 'Europe/Berlin' : 'Australia/Sydney';
    expect(signedInAt(other).clock.differsFromBrowser()).toBe(true);
  });
});
