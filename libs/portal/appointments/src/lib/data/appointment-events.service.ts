import { inject, Injectable } from '@angular/core';
import { ConnectionService } from '@derm/portal/core';
import { filter, map, merge, Observable, share } from 'rxjs';
import { AppointmentListChange, patch, RecentIds, upsert } from './appointment-list-changes';

/** What an `appointment:*` event changes in any list of appointments, and which appointment it is about. */
export interface AppointmentChangeHeard {
  appointmentId: string;
  change: AppointmentListChange;
}

/** The tenant's `appointment:*` events, each as a typed stream of envelopes, and as list changes. */
@Injectable({ providedIn: 'root' })
export class AppointmentEvents {
  private readonly connection = inject(ConnectionService);
  private readonly seenEvents = new RecentIds();

  readonly created$ = this.connection.on('appointment:created');
  readonly updated$ = this.connection.on('appointment:updated');
  readonly cancelled$ = this.connection.on('appointment:cancelled');
  readonly checkedIn$ = this.connection.on('appointment:checked-in');
  readonly completed$ = this.connection.on('appointment:completed');
  readonly noShow$ = this.connection.on('appointment:no-show');

  /** Every event once, as the change it makes to a list (the schedule's day, a patient's visits). */
  readonly changes$: Observable<AppointmentChangeHeard> = merge(
    this.created$.pipe(map((e) => heard(e.id, e.data.appointment.id, upsert(e.data.appointment)))),
    this.updated$.pipe(map((e) => heard(e.id, e.data.appointment.id, upsert(e.data.appointment)))),
    this.cancelled$.pipe(
      map((e) =>
        heard(
          e.id,
          e.data.appointmentId,
          patch(e.data.appointmentId, { status: 'cancelled', cancelReason: e.data.reason }),
        ),
      ),
    ),
    this.checkedIn$.pipe(
      map((e) =>
        heard(
          e.id,
          e.data.appointmentId,
          patch(e.data.appointmentId, { status: 'checked-in', checkedInAt: e.data.checkedInAt }),
        ),
      ),
    ),
    this.completed$.pipe(
      map((e) => heard(e.id, e.data.appointmentId, patch(e.data.appointmentId, { status: 'completed' }))),
    ),
    this.noShow$.pipe(
      map((e) => heard(e.id, e.data.appointmentId, patch(e.data.appointmentId, { status: 'no-show' }))),
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
