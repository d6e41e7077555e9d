/**
 * A clinic's calendar in its IANA time zone, with `Intl.DateTimeFormat` alone: the wire and the
 * database keep UTC instants; days, and times typed by a person, belong to the clinic's zone.
 */

/** `YYYY-MM-DD`. */
export type CalendarDay = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `timeZone` at `instant`, as if it were UTC (milliseconds). */
function wallClockMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
}

/** True for a zone this runtime knows (`America/New_York`, `UTC`, …). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The day `instant` falls on in `timeZone`. */
export function calendarDayIn(instant: Date, timeZone: string): CalendarDay {
  return new Date(wallClockMs(instant, timeZone)).toISOString().slice(0, 10);
}

/** `text` names a day of the calendar as `YYYY-MM-DD` (`2026-02-30` does not). */
export function isCalendarDay(text: string): text is CalendarDay {
  const date = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The day `days` after (or before) `day`. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time of `day` means in `timeZone`. A time skipped by a daylight-saving
 * change moves forward by the change; a repeated one is its first occurrence.
 */
export function zonedTime(day: CalendarDay, time: string, timeZone: string): Date {
  const dayMatch = DAY_PATTERN.exec(day);
  const timeMatch = TIME_PATTERN.exec(time);
  if (!dayMatch || !timeMatch) throw new RangeError(`Not a day and time: ${day} ${time}`);
  const [, year, month, date] = dayMatch.map(Number);
  const [, hour, minute] = timeMatch.map(Number);
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  // The offsets a day before and after: a zone changes at most once in between.
  const candidates = [wall - DAY_MS, wall + DAY_MS].map(
    (near) => wall - (wallClockMs(new Date(near), timeZone) - near),
  );
  const valid = candidates.filter((instant) => wallClockMs(new Date(instant), timeZone) === wall);
  // None valid: skipped by the change, so read with the offset before it (which moves it forward).
  return new Date(valid.length > 0 ? Math.min(...valid) : candidates[0]);
}

/** The day's first instant in `timeZone`, and the next day's (exclusive). */
export function dayBoundsIn(day: CalendarDay, timeZone: string): { start: Date; end: Date } {
  return { start: zonedTime(day, '00:00', timeZone), end: zonedTime(addDays(day, 1), '00:00', timeZone) };
}
