import { computed, effect, inject, Injectable, linkedSignal, untracked } from '@angular/core';
import { calendarDayIn, dayBoundsIn, isTimeZone } from '@derm/shared/contracts';
import { PageVisibility } from '../page/page-visibility.service';
import { AuthSession } from '../session/auth-session.service';

/** The zone this browser shows times in by itself. */
export const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The signed-in person's clinic clock: its IANA zone (from the sign-in answer), its today, and
 * whether it differs from the browser's, so that pages can say which zone a time is in.
 */
@Injectable({ providedIn: 'root' })
export class ClinicClock {
  private readonly session = inject(AuthSession);
  private readonly visibility = inject(PageVisibility);

  /** The clinic's zone; UTC for a session kept from before clinics had one. */
  readonly timeZone = computed(() => {
    const zone = this.session.user()?.timeZone;
    return zone && isTimeZone(zone) ? zone : 'UTC';
  });
  readonly differsFromBrowser = computed(() => this.timeZone() !== BROWSER_TIME_ZONE);
  /** A short name for labels: `America/New_York` → `New York`. */
  readonly zoneName = computed(() => (this.timeZone().split('/').at(-1) ?? '').replaceAll('_', ' '));

  private readonly day = linkedSignal(() => calendarDayIn(new Date(), this.timeZone()));
  /** The clinic's day now: it changes at the clinic's midnight, so a page left open moves on with it. */
  readonly today = this.day.asReadonly();

  constructor() {
    effect((onCleanup) => {
      const timeZone = this.timeZone();
      // A background tab's timers are throttled and a sleeping device's run late: a tab back on
      // screen looks at the clock again.
      this.visibility.visible();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const follow = (): void => {
        const now = Date.now();
        const today = calendarDayIn(new Date(now), timeZone);
        this.day.set(today);
        // The next midnight (later, where a daylight-saving change skips it) is at most a day and
        // an hour away, far below setTimeout's 2^31 ms limit. A timer that fires early waits the rest.
        timer = setTimeout(follow, dayBoundsIn(today, timeZone).end.getTime() - now);
      };
      untracked(follow);
      onCleanup(() => clearTimeout(timer));
    });
  }
}
