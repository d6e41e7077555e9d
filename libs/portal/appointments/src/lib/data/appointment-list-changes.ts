import { AppointmentSummary } from '@derm/shared/contracts';

/** Which appointments a list shows: a day of the schedule, a patient's visits. */
export type AppointmentFilter = (appointment: AppointmentSummary) => boolean;

/**
 * A change to a list of appointments, from an event or a REST response; `null` when it does not
 * apply to the list that `shows` describes.
 */
export type AppointmentListChange = (
  list: readonly AppointmentSummary[],
  shows: AppointmentFilter,
) => AppointmentSummary[] | null;

export function sortByStart(list: readonly AppointmentSummary[]): AppointmentSummary[] {
  return [...list].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/** Adds or replaces by id; an appointment the list no longer shows (moved to another day) leaves it. */
export function upsert(appointment: AppointmentSummary): AppointmentListChange {
  return (list, shows) => {
    const others = list.filter((item) => item.id !== appointment.id);
    if (!shows(appointment)) return others.length === list.length ? null : others;
    return sortByStart([...others, appointment]);
  };
}

/** Patches an appointment already on the list; one that is not is not shown there. */
export function patch(id: string, changes: Partial<AppointmentSummary>): AppointmentListChange {
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
