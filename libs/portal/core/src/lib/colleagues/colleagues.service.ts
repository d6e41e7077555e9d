import { computed, inject, Injectable } from '@angular/core';
import { StaffAccount, StaffMember } from '@derm/shared/contracts';
import { map, Observable } from 'rxjs';
import { AuthSession } from '../session/auth-session.service';
import { ConnectionService } from '../connection/connection.service';
import { AllPages } from '../http/all-pages.service';
import { liveCollection } from '../live/live-collection';
import { withAccount } from './colleagues-state';

/**
 * The clinic's active staff by name (`GET /api/staff`), kept current by `staff:changed`: every
 * list of people to pick from (a conversation, an alert, a visit's provider) reads it, so a
 * deactivation or a role change shows on every open page at once. Lists that name colleagues
 * without picking them (a conversation's people) follow the same changes (`accountChanges$`).
 */
@Injectable({ providedIn: 'root' })
export class Colleagues {
  private readonly session = inject(AuthSession);
  private readonly allPages = inject(AllPages);
  private readonly staff = liveCollection<StaffMember[], StaffMember[]>({
    initial: [],
    load: () => this.allPages.get<StaffMember>('/api/staff'),
    loaded: (_, staff) => staff,
  });

  /** Everyone active, the signed-in person included. */
  readonly all = this.staff.value;
  /** True while the list loads (or loads again): someone not on it may yet be. */
  readonly loading = this.staff.loading;
  /** Everyone active but the signed-in person. */
  readonly others = computed(() => this.all().filter((member) => member.id !== this.session.user()?.id));
  /** An account of the clinic deactivated, reactivated or re-roled, as it is now. */
  readonly accountChanges$: Observable<StaffAccount> = inject(ConnectionService)
    .on('staff:changed')
    .pipe(map((event) => event.data.account));

  constructor() {
    this.accountChanges$.subscribe((account) => this.staff.apply(withAccount(account)));
  }
}
