import { inject, Injectable } from '@angular/core';
import { filter, map, merge, Observable, share } from 'rxjs';
import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentEvents } from './appointment-events.service';
import { AppointmentListChange, patch, RecentIds, upsert } from './appointment-list-changes';

/**
 * What an `appointment:*` event changes in any list of appointments, which appointment it is
 * about, and that appointment's version after it.
 */
export interface AppointmentChangeHeard {
  appointmentId: string;
  version: number;
  change: AppointmentListChange;
}

/**
 * The tenant's `appointment:*` events as the changes they make to a list of appointments (the
 * schedule's day, a patient's visits), each event once.
 */
@Injectable({ providedIn: 'root' })
export class AppointmentChanges {
  private readonly events = inject(AppointmentEvents);
  private readonly seenEvents = new RecentIds();

  readonly changes$: Observable<AppointmentChangeHeard> = merge(
    this.events.created$.pipe(map((e) => heard(e.id, e.data.appointment, upsert(e.data.appointment)))),
    this.events.updated$.pipe(map((e) => heard(e.id, e.data.appointment, upsert(e.data.appointment)))),
    this.events.cancelled$.pipe(
      map((e) => statusHeard(e.id, e.data, { status: 'cancelled', cancelReason: e.data.reason })),
    ),
    this.events.checkedIn$.pipe(
      map((e) => statusHeard(e.id, e.data, { status: 'checked-in', checkedInAt: e.data.checkedInAt })),
    ),
    this.events.completed$.pipe(map((e) => statusHeard(e.id, e.data, { status: 'completed' }))),
    this.events.noShow$.pipe(map((e) => statusHeard(e.id, e.data, { status: 'no-show' }))),
  ).pipe(
    filter(({ eventId }) => this.seenEvents.add(eventId)),
    map(({ appointmentId, version, change }) => ({ appointmentId, version, change })),
    share(),
  );
}

function heard(eventId: string, about: { id: string; version: number }, change: AppointmentListChange) {
  return { eventId, appointmentId: about.id, version: about.version, change };
}

/** A change of status: patches the appointment listed, at the version the event names. */
function statusHeard(
  eventId: string,
  data: { appointmentId: string; version: number },
  changes: Partial<AppointmentSummary>,
) {
  const { appointmentId: id, version } = data;
  return heard(eventId, { id, version }, patch(id, { ...changes, version }));
}
