import { inject, Pipe, PipeTransform } from '@angular/core';
import { calendarDayIn } from '@derm/shared/contracts';
import { TIME_FORMATS, TimeFormat } from '@derm/portal/util';
import { ClinicClock } from './clinic-clock.service';

/** Made once per zone and format: an impure pipe formats at every check of its view. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant on the clock of `timeZone`, as `clinicTime` shows it: for text composed in code. */
export function onClinicClock(instant: string | Date, format: TimeFormat, timeZone: string): string {
  return formatter(format, timeZone).format(new Date(instant));
}

function formatter(format: TimeFormat, timeZone: string): Intl.DateTimeFormat {
  const key = `${format} ${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', { ...TIME_FORMATS[format], timeZone });
    formatters.set(key, made);
  }
  return made;
}

/** `recent`: the time if it is the clinic's today, else the day (a list of conversations). */
export type ClinicTimeFormat = TimeFormat | 'recent';

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
    return onClinicClock(date, shown, timeZone);
  }
}
