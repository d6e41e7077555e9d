import { inject, Pipe, PipeTransform } from '@angular/core';
import { calendarDayIn } from '@derm/shared/contracts';
import { ClinicClock } from './clinic-clock.service';

const FORMATS = {
  /** Dec 1 */
  day: { month: 'short', day: 'numeric' },
  /** Tue, Dec 1, 2026 */
  date: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
  /** 14:30 */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** 14:30:05 */
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  /** Dec 1, 14:30 */
  'day-time': { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** Dec 1, 14:30:05 */
  'day-seconds': {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
  /** Dec 1, 2026, 14:30:05 */
  full: { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Made once per zone and format: an impure pipe formats at every check of its view. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(format: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${format} ${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', { ...FORMATS[format], timeZone });
    formatters.set(key, made);
  }
  return made;
}

/** `recent`: the time if it is the clinic's today, else the day (a list of conversations). */
export type ClinicTimeFormat = keyof typeof FORMATS | 'recent';

/**
 * An instant (ISO 8601) on the clinic's clock, whatever the browser's zone:
 * `{{ appointment.startsAt | clinicTime: 'time' }}`. Angular's DatePipe takes only fixed offsets,
 * which would be wrong across a daylight-saving change. Impure: `'recent'` follows the clinic's
 * today, which changes at its midnight while the instant stays the same.
 */
@Pipe({ name: 'clinicTime', pure: false })
export class ClinicTimePipe implements PipeTransform {
  private readonly clock = inject(ClinicClock);

  transform(instant: string | null | undefined, format: ClinicTimeFormat = 'time'): string {
    if (!instant) return '';
    const timeZone = this.clock.timeZone();
    const date = new Date(instant);
    const shown = format !== 'recent' ? format : calendarDayIn(date, timeZone) === this.clock.today() ? 'time' : 'day';
    return formatter(shown, timeZone).format(date);
  }
}
