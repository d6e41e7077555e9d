import { ChangeDetectionStrategy, Component, computed, Signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LoginResponse } from '@derm/shared/contracts';
import { loginResponse, setUpPortalCore, storeSession } from '../../testing/portal-testing';
import { ClinicClock } from './clinic-clock.service';
import { ClinicTimePipe } from './clinic-time.pipe';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** A session that outlives the days the tests move the clock by. */
const WEEK_MS = 7 * 24 * HOUR_MS;

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe],
  template: `{{ '2026-12-01T22:00:00.000Z' | clinicTime: 'recent' }}`,
})
class RecentHost {}

describe('ClinicClock.today', () => {
  let visibility: DocumentVisibilityState;

  beforeEach(() => {
    sessionStorage.clear();
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  afterEach(() => jest.useRealTimers());

  /**
   * A tab signed in to a clinic in `timeZone`, its clock (Jest's) at `now`: its today as a page
   * reads it, through a `computed` that recomputes only when the signal says the day changed.
   */
  function openAt(now: string, timeZone: string): { today: Signal<string> } {
    jest.useFakeTimers({ now: new Date(now) });
    setUpPortalCore();
    const session = loginResponse('nurse', 'riverside', WEEK_MS);
    storeSession({ ...session, user: { ...session.user, timeZone } } as LoginResponse);
    const clock = TestBed.inject(ClinicClock);
    TestBed.tick();
    return { today: computed(() => clock.today()) };
  }

  function setVisibility(state: DocumentVisibilityState): void {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
    TestBed.tick();
  }

  it('changes at the clinic’s midnight, not at UTC’s', () => {
    // 18:30 in New York, 23:30 UTC.
    const tab = openAt('2026-12-01T23:30:00.000Z', 'America/New_York');
    expect(tab.today()).toBe('2026-12-01');
    jest.advanceTimersByTime(HOUR_MS);
    expect(tab.today()).toBe('2026-12-01');
    // 23:59:59.999 in New York, then its midnight.
    jest.advanceTimersByTime(4.5 * HOUR_MS - 1);
    expect(tab.today()).toBe('2026-12-01');
    jest.advanceTimersByTime(1);
    expect(tab.today()).toBe('2026-12-02');
    // And again a day later: the timer is set anew each midnight.
    jest.advanceTimersByTime(24 * HOUR_MS);
    expect(tab.today()).toBe('2026-12-03');
  });

  it('follows days of 23 and 25 hours across daylight-saving changes', () => {
    const tab = openAt('2026-03-28T22:59:00.000Z', 'Europe/Berlin');
    jest.advanceTimersByTime(MINUTE_MS);
    expect(tab.today()).toBe('2026-03-29');
    // Clocks go forward at 02:00: the next midnight is 23 hours on.
    jest.advanceTimersByTime(23 * HOUR_MS - 1);
    expect(tab.today()).toBe('2026-03-29');
    jest.advanceTimersByTime(1);
    expect(tab.today()).toBe('2026-03-30');

    jest.setSystemTime(new Date('2026-10-24T21:59:00.000Z'));
    setVisibility('hidden');
    setVisibility('visible');
    expect(tab.today()).toBe('2026-10-24');
    jest.advanceTimersByTime(MINUTE_MS);
    expect(tab.today()).toBe('2026-10-25');
    // Clocks go back at 03:00: the next midnight is 25 hours on.
    jest.advanceTimersByTime(25 * HOUR_MS - 1);
    expect(tab.today()).toBe('2026-10-25');
    jest.advanceTimersByTime(1);
    expect(tab.today()).toBe('2026-10-26');
  });

  it('moves on where a daylight-saving change skips midnight itself (Santiago: 23:59 to 01:00)', () => {
    const tab = openAt('2026-09-06T03:59:00.000Z', 'America/Santiago');
    expect(tab.today()).toBe('2026-09-05');
    jest.advanceTimersByTime(MINUTE_MS);
    expect(tab.today()).toBe('2026-09-06');
  });

  it('looks at the clock again when a tab that slept past midnight is back on screen', () => {
    const tab = openAt('2026-12-01T22:00:00.000Z', 'Australia/Sydney');
    expect(tab.today()).toBe('2026-12-02');
    setVisibility('hidden');
    // Asleep: the clock moved past Sydney's midnight (13:00 UTC) and no timer ran.
    jest.setSystemTime(new Date('2026-12-02T14:00:00.000Z'));
    expect(tab.today()).toBe('2026-12-02');
    setVisibility('visible');
    expect(tab.today()).toBe('2026-12-03');
    // Its next midnight is Sydney's next one.
    jest.advanceTimersByTime(23 * HOUR_MS - 1);
    expect(tab.today()).toBe('2026-12-03');
    jest.advanceTimersByTime(1);
    expect(tab.today()).toBe('2026-12-04');
  });

  it('moves a page’s “recent” time to its day at the clinic’s midnight', () => {
    // 17:00 in New York; the instant shown is this 17:00.
    openAt('2026-12-01T22:00:00.000Z', 'America/New_York');
    const page = TestBed.createComponent(RecentHost);
    page.detectChanges();
    expect(page.nativeElement.textContent).toBe('17:00');
    jest.advanceTimersByTime(7 * HOUR_MS);
    TestBed.tick();
    expect(page.nativeElement.textContent).toBe('Dec 1');
  });
});
