import { inject, Injectable } from '@angular/core';
import { ConnectionService } from '@derm/portal/core';

/** The user's notification streams, typed from the contract. */
@Injectable({ providedIn: 'root' })
export class NotificationEvents {
  private readonly connection = inject(ConnectionService);

  /** Enveloped: a new notification, or an urgent alert delivered again on connecting. */
  readonly new$ = this.connection.on('notification:new');
  readonly unreadCount$ = this.connection.on('notification:unread-count');
  /** Read (or, for urgent alerts, acknowledged) on this or another tab or device. */
  readonly read$ = this.connection.on('notification:read');
  /** Enveloped: this person (on any tab) or, for admins, anyone of the clinic sent an alert. */
  readonly alertSent$ = this.connection.on('alert:sent');
  /** Enveloped: someone acknowledged an alert this person sent, or (admins) any of the clinic's. */
  readonly alertStatus$ = this.connection.on('alert:status');
  /** Enveloped: an alert of the same people's went on to the admins, not acknowledged in time. */
  readonly alertEscalated$ = this.connection.on('alert:escalated');
}
