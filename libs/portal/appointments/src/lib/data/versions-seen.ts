import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentListChange, sortByStart } from './appointment-list-changes';

/**
 * The newest version of each appointment a list (the schedule's day, a patient's visits) has
 * heard of, in a load, an event or an answer, whether the list shows it or not. A load starts the
 * list afresh, without the appointments that left it: this memory outlives it, so that a slower
 * answer or a late event (after a colleague moved the visit to another day, and the list was
 * loaded again) cannot put back a version older than one already seen.
 */
export class VersionsSeen {
  private readonly newest = new Map<string, number>();

  /**
   * The change, if `version` is newer than every one seen of the appointment; else a change that
   * changes nothing. Records the version now, once: a list applies the change it returns more
   * than once (to the list shown, again onto a load on its way).
   */
  guard(appointmentId: string, version: number, change: AppointmentListChange): AppointmentListChange {
    return this.saw(appointmentId, version) ? change : () => null;
  }

  /** A load's list, in order, each version in it recorded as seen. */
  loaded(list: readonly AppointmentSummary[]): AppointmentSummary[] {
    for (const appointment of list) this.saw(appointment.id, appointment.version);
    return sortByStart(list);
  }

  /** Records `version`; true when it is newer than every one seen of the appointment. */
  private saw(appointmentId: string, version: number): boolean {
    const seen = this.newest.get(appointmentId);
    if (seen !== undefined && version <= seen) return false;
    this.newest.set(appointmentId, version);
    return true;
  }
}
