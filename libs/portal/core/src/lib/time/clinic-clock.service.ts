import { computed, inject, Injectable } from '@angular/core';
import { CalendarDay, calendarDayIn, isTimeZone } from '@derm/shared/contracts';
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

  /** The clinic's zone; UTC for a session kept from before clinics had one. */
  readonly timeZone = computed(() => {
    const zone = this.session.user()?.timeZone;
    return zone && isTimeZone(zone) ? zone : 'UTC';
  });
  readonly differsFromBrowser = computed(() => this.timeZone() !== BROWSER_TIME_ZONE);
  /** A short name for labels: `America/New_York` → `New York`. */
  readonly zoneName = computed(() => (this.timeZone().split('/').at(-1) ?? '').replaceAll('_', ' '));

  /** The clinic's day now. */
  today(): CalendarDay {
    return calendarDayIn(new Date(), this.timeZone());
  }
}
