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

/** `recent`: the time if it is the clinic's today, else the day (a list of conversations). */
export type ClinicTimeFormat = keyof typeof FORMATS | 'recent';

/**
 * An instant (ISO 8601) on the clinic's clock, whatever the browser's zone:
 * `{{ appointment.startsAt | clinicTime: 'time' }}`. Angular's DatePipe takes only fixed offsets,
 * which would be wrong across a daylight-saving change.
 */
@Pipe({ name: 'clinicTime' })
export class ClinicTimePipe implements PipeTransform {
  private readonly clock = inject(ClinicClock);

  transform(instant: string | null | undefined, format: ClinicTimeFormat = 'time'): string {
    if (!instant) return '';
    const timeZone = this.clock.timeZone();
    const date = new Date(instant);
    const shown = format !== 'recent' ? format : calendarDayIn(date, timeZone) === this.clock.today() ? 'time' : 'day';
    return new Intl.DateTimeFormat('en-US', { ...FORMATS[shown], timeZone }).format(date);
  }
}
