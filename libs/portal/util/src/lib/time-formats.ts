/**
 * The portal's ways of showing an instant, for `Intl.DateTimeFormat` in `en-US`: on the clinic's
 * clock (`clinicTime`), or, for what is about the device itself, in the browser's zone.
 */
export const TIME_FORMATS = {
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

export type TimeFormat = keyof typeof TIME_FORMATS;
