import { EVENTS_PER_MINUTE_WINDOW, EventsInMinute } from '@derm/shared/contracts';

const MINUTE_MS = 60_000;

/** The start of the minute `at` falls in, in epoch milliseconds. */
export const minuteOf = (at: Date): number => Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;

/** The minutes of the window ending with the one `now` falls in, oldest first. */
export function windowMinutes(now: Date): number[] {
  const last = minuteOf(now);
  return Array.from(
    { length: EVENTS_PER_MINUTE_WINDOW },
    (_, i) => last - (EVENTS_PER_MINUTE_WINDOW - 1 - i) * MINUTE_MS,
  );
}

/** The window as the contract sends it, a minute without a count being 0. */
export function toWindow(minutes: readonly number[], count: (minute: number) => number): EventsInMinute[] {
  return minutes.map((minute) => ({ minute: new Date(minute).toISOString(), count: count(minute) }));
}

/** How long a minute's count is kept: the window, and one minute to spare. */
export const MINUTE_KEPT_MS = (EVENTS_PER_MINUTE_WINDOW + 1) * MINUTE_MS;
