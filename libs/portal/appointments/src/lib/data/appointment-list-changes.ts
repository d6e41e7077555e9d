import { AppointmentSummary } from '@derm/shared/contracts';

/** Which appointments a list shows: a day of the schedule, a patient's visits. */
export type AppointmentFilter = (appointment: AppointmentSummary) => boolean;

/**
 * A change to a list of appointments, from an event or a REST response; `null` when it does not
 * apply to the list that `shows` describes. The list keeps the appointments that left what `shows`
 * describes: whoever shows it shows only those `shows` keeps.
 */
export type AppointmentListChange = (
  list: readonly AppointmentSummary[],
  shows: AppointmentFilter,
) => AppointmentSummary[] | null;

export function sortByStart(list: readonly AppointmentSummary[]): AppointmentSummary[] {
  return [...list].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/**
 * Whether a change at `version` is already on the list, or overtaken there: an answer or an event
 * that arrives after a later one (a colleague's cancellation heard before one's own move was
 * answered) must not put the appointment back as it was.
 */
function outdated(listed: AppointmentSummary | undefined, version: number | undefined): boolean {
  return listed !== undefined && version !== undefined && version <= listed.version;
}

/**
 * Adds or replaces by id. An appointment listed that the list no longer shows (moved to another
 * day) stays on it at its new version, for the owner to leave out of sight (filter by `shows`): an
 * older answer or event must not bring it back as it was. An older version than the one listed
 * changes nothing.
 */
export function upsert(appointment: AppointmentSummary): AppointmentListChange {
  return (list, shows) => {
    const listed = list.find((item) => item.id === appointment.id);
    if (outdated(listed, appointment.version) || (!listed && !shows(appointment))) return null;
    return sortByStart([...list.filter((item) => item !== listed), appointment]);
  };
}

/** Patches an appointment already on the list, unless it is there at that version or a later one. */
export function patch(id: string, changes: Partial<AppointmentSummary>): AppointmentListChange {
  return (list) => {
    const listed = list.find((item) => item.id === id);
    if (!listed || outdated(listed, changes.version)) return null;
    return list.map((item) => (item === listed ? { ...item, ...changes } : item));
  };
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
