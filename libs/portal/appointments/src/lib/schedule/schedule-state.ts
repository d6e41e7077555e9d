import { AppointmentSummary } from '@derm/shared/contracts';

/** A change to a day's list, from an event or a REST response; `null` when it does not apply. */
export type ScheduleChange = (list: readonly AppointmentSummary[], day: string) => AppointmentSummary[] | null;

/** The UTC day (`YYYY-MM-DD`) an ISO 8601 time falls on; the API's days are UTC days. */
export function utcDay(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

export function sortByStart(list: readonly AppointmentSummary[]): AppointmentSummary[] {
  return [...list].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/** Adds or replaces by id; an appointment moved to another day leaves the list. */
export function upsert(appointment: AppointmentSummary): ScheduleChange {
  return (list, day) => {
    const others = list.filter((item) => item.id !== appointment.id);
    if (utcDay(appointment.startsAt) !== day) {
      return others.length === list.length ? null : others;
    }
    return sortByStart([...others, appointment]);
  };
}

/** Patches an appointment already on the list; one that is not is on another day. */
export function patch(id: string, changes: Partial<AppointmentSummary>): ScheduleChange {
  return (list) =>
    list.some((item) => item.id === id)
      ? list.map((item) => (item.id === id ? { ...item, ...changes } : item))
      : null;
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
