import { inject, Injectable } from '@angular/core';
import { ConnectionService } from '@derm/portal/core';

/** The tenant's `appointment:*` events, each as a typed stream of envelopes. */
@Injectable({ providedIn: 'root' })
export class AppointmentEvents {
  private readonly connection = inject(ConnectionService);

  readonly created$ = this.connection.on('appointment:created');
  readonly updated$ = this.connection.on('appointment:updated');
  readonly cancelled$ = this.connection.on('appointment:cancelled');
  readonly checkedIn$ = this.connection.on('appointment:checked-in');
  readonly completed$ = this.connection.on('appointment:completed');
  readonly noShow$ = this.connection.on('appointment:no-show');
}
