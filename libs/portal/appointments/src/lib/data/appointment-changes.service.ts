import { inject, Injectable } from '@angular/core';
import { filter, map, merge, Observable, share } from 'rxjs';
import { AppointmentEvents } from './appointment-events.service';
import { AppointmentListChange, patch, RecentIds, upsert } from './appointment-list-changes';

/** What an `appointment:*` event changes in any list of appointments, and which appointment it is about. */
export interface AppointmentChangeHeard {
  appointmentId: string;
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
    this.events.created$.pipe(map((e) => heard(e.id, e.data.appointment.id, upsert(e.data.appointment)))),
    this.events.updated$.pipe(map((e) => heard(e.id, e.data.appointment.id, upsert(e.data.appointment)))),
    this.events.cancelled$.pipe(
      map((e) =>
        heard(
          e.id,
          e.data.appointmentId,
          patch(e.data.appointmentId, { status: 'cancelled', cancelReason: e.data.reason, version: e.data.version }),
        ),
      ),
    ),
    this.events.checkedIn$.pipe(
      map((e) =>
        heard(
          e.id,
          e.data.appointmentId,
          patch(e.data.appointmentId, {
            status: 'checked-in',
            checkedInAt: e.data.checkedInAt,
            version: e.data.version,
          }),
        ),
      ),
    ),
    this.events.completed$.pipe(
      map((e) =>
        heard(
          e.id,
          e.data.appointmentId,
          patch(e.data.appointmentId, { status: 'completed', version: e.data.version }),
        ),
      ),
    ),
    this.events.noShow$.pipe(
      map((e) =>
        heard(e.id, e.data.appointmentId, patch(e.data.appointmentId, { status: 'no-show', version: e.data.version })),
      ),
    ),
  ).pipe(
    filter(({ eventId }) => this.seenEvents.add(eventId)),
    map(({ appointmentId, change }) => ({ appointmentId, change })),
    share(),
  );
}

function heard(eventId: string, appointmentId: string, change: AppointmentListChange) {
  return { eventId, appointmentId, change };
}
