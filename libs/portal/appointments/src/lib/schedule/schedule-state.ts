import { AppointmentSummary, calendarDayIn } from '@derm/shared/contracts';

/**
 * A change to a day's list (a day of the clinic's calendar), from an event or a REST response;
 * `null` when it does not apply.
 */
export type ScheduleChange = (list: readonly AppointmentSummary[], day: string) => AppointmentSummary[] | null;

const DAY_HEADING = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' });

/**
 * "Tuesday, December 1, 2026" for a calendar day. Not DatePipe, which reads `YYYY-MM-DD` as the
 * browser's midnight: in Berlin or Sydney that is the day before in UTC.
 */
export function dayHeading(day: string): string {
  return DAY_HEADING.format(new Date(`${day}T12:00:00Z`));
}

export function sortByStart(list: readonly AppointmentSummary[]): AppointmentSummary[] {
  return [...list].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/**
 * Adds or replaces by id; an appointment moved to another day leaves the list. Days are those of
 * the clinic's calendar (`timeZone`), as the API's `?date=`.
 */
export function upsert(appointment: AppointmentSummary, timeZone: string): ScheduleChange {
  return (list, day) => {
    const others = list.filter((item) => item.id !== appointment.id);
    if (calendarDayIn(new Date(appointment.startsAt), timeZone) !== day) {
      return others.length === list.length ? null : others;
    }
    return sortByStart([...others, appointment]);
  };
}

/** Patches an appointment already on the list; one that is not is on another day. */
export function patch(id: string, changes: Partial<AppointmentSummary>): ScheduleChange {
  return (list) =>
    list.some((item) => item.id === id) ? list.map((item) => (item.id === id ? { ...item, ...changes } : item)) : null;
}

/** Remembers the last event ids seen, to drop an envelope delivered twice. */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 500) {}

  /** True the first time an id is seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
