import { buildMessage, ValidateBy } from 'class-validator';
import { isCalendarDay } from '@derm/shared/contracts';

/**
 * The years a day or an instant sent to the API may fall in. Four-digit years both databases
 * store, from 1900 because `Date.UTC` reads the years 0–99 as 1900–1999, and up to 9998 so that
 * the next day, in any time zone, still has a four-digit year.
 */
const FIRST_ACCEPTED_YEAR = 1900;
const LAST_ACCEPTED_YEAR = 9998;

/** RFC 3339's `date-time`: `2031-06-02T15:00:00Z`, `2031-06-02T11:00:00.250-04:00`. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** `YYYY-MM-DD`, a day of the calendar in the accepted years. */
export function isAcceptedDay(text: string): boolean {
  if (!isCalendarDay(text)) return false;
  const year = Number(text.slice(0, 4));
  return year >= FIRST_ACCEPTED_YEAR && year <= LAST_ACCEPTED_YEAR;
}

/**
 * An RFC 3339 date-time in the accepted years that `new Date()` reads as the instant it writes.
 * ISO 8601 has many more forms (week dates, ordinal days, no separators, hours alone, comma
 * fractions) that `Date` reads as invalid, and `Date` rolls a day or hour out of range over
 * (`2026-02-30` is read as March 2nd).
 */
export function isAcceptedInstant(text: string): boolean {
  const parts = DATE_TIME.exec(text);
  if (!parts || !isAcceptedDay(parts[1])) return false;
  const [, day, hour, minute, second, fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = parts;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return false;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return false;
  const written = Date.parse(`${day}T${hour}:${minute}:${second}.${fraction.padEnd(3, '0').slice(0, 3)}Z`);
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return Date.parse(text) === written - offsetMs;
}

const YEARS = `${FIRST_ACCEPTED_YEAR}–${LAST_ACCEPTED_YEAR}`;

/** An instant: RFC 3339 `date-time` with a `Z` or an offset, in the accepted years. */
export const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isAcceptedInstant(value),
      defaultMessage: buildMessage(
        (each) =>
          `${each}$property must be a date and time like 2031-06-02T15:00:00Z or 2031-06-02T11:00:00-04:00 (RFC 3339), in the years ${YEARS}`,
      ),
    },
  });

/** A day of the calendar, `YYYY-MM-DD`, in the accepted years. */
export const IsCalendarDay = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isAcceptedDay(value),
      defaultMessage: buildMessage(
        (each) => `${each}$property must be a day of the calendar, YYYY-MM-DD, in the years ${YEARS}`,
      ),
    },
  });
