import { inject, Injectable } from '@angular/core';
import { ConnectionService, liveCollection } from '@derm/portal/core';
import { OnlineStaff } from '@derm/shared/contracts';
import { from, of, switchMap, throwError } from 'rxjs';
import { accountChanged, byName, presenceChanged } from './online-staff-state';

/**
 * The clinic's online staff: a `presence:list` snapshot on every `session:ready` (what happened
 * while away is not replayed), kept current by `presence:changed` (the portal's socket asks for
 * batched presence: one packet for many colleagues signing in at once) and by `staff:changed`
 * (a colleague re-roled or deactivated while online).
 */
@Injectable({ providedIn: 'root' })
export class OnlineStaffService {
  private readonly connection = inject(ConnectionService);
  private readonly staff = liveCollection<OnlineStaff[], OnlineStaff[]>({
    initial: [],
    load: () =>
      from(this.connection.emit('presence:list', {})).pipe(
        switchMap((ack) => (ack.ok ? of(ack.online) : throwError(() => ack.error))),
      ),
    loaded: (_, online) => byName(online),
    refetch: 'on-every-connection',
  });

  readonly online = this.staff.value;

  constructor() {
    this.connection
      .on('presence:changed')
      .subscribe((changed) => this.staff.apply(presenceChanged(changed, new Date())));
    this.connection.on('staff:changed').subscribe((event) => this.staff.apply(accountChanged(event.data.account)));
  }
}
