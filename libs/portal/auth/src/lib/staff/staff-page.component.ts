import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AuthSession, ConnectionService, describeFailure, liveCollection, LiveChange } from '@derm/portal/core';
import { ConfirmActionComponent, LoadingPlaceholderComponent } from '@derm/portal/ui';
import { RoleLabelPipe, ROLE_LABELS } from '@derm/portal/util';
import { StaffAccount, StaffRole, STAFF_ROLES, UpdateStaffRequest } from '@derm/shared/contracts';
import { StaffAccountsApi } from './staff-accounts-api.service';

/** An account as it is now, in its place on the list. */
const replacingAccount =
  (account: StaffAccount): LiveChange<StaffAccount[]> =>
  (accounts) =>
    accounts.map((item) => (item.id === account.id ? account : item));

/**
 * Admins: every account of the clinic by name, with its role and whether it is active. Deactivating
 * asks first, then ends that person's sessions at once and takes them off every colleague list;
 * the admin's own account cannot be deactivated or lose its role here, as the server refuses it.
 * Another admin's change shows at once (`staff:changed`).
 */
@Component({
  selector: 'derm-staff-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConfirmActionComponent, LoadingPlaceholderComponent, RoleLabelPipe],
  templateUrl: './staff-page.component.html',
  styleUrl: './staff-page.component.css',
})
export class StaffPage {
  private readonly api = inject(StaffAccountsApi);
  private readonly session = inject(AuthSession);
  protected readonly me = computed(() => this.session.user()?.id);

  protected readonly accounts = liveCollection<StaffAccount[], StaffAccount[]>({
    initial: [],
    load: () => this.api.list(),
    loaded: (_, accounts) => accounts,
  });
  protected readonly roles = STAFF_ROLES.map((role) => ({ role, label: ROLE_LABELS[role] }));
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(ConnectionService)
      .on('staff:changed')
      .pipe(takeUntilDestroyed())
      .subscribe((event) => this.accounts.apply(replacingAccount(event.data.account)));
  }

  protected deactivate(account: StaffAccount): void {
    this.change(account, { active: false });
  }

  protected reactivate(account: StaffAccount): void {
    this.change(account, { active: true });
  }

  protected changeRole(account: StaffAccount, role: string): void {
    if (role !== account.role) this.change(account, { role: role as StaffRole });
  }

  private change(account: StaffAccount, change: UpdateStaffRequest): void {
    this.error.set(null);
    this.busy.update((ids) => new Set(ids).add(account.id));
    const done = () =>
      this.busy.update((ids) => {
        const rest = new Set(ids);
        rest.delete(account.id);
        return rest;
      });
    this.api.update(account.id, change).subscribe({
      next: (changed) => {
        this.accounts.apply(replacingAccount(changed));
        done();
      },
      error: (error: unknown) => {
        this.error.set(describeFailure(error, 'change the account'));
        // The select shows what the server holds, not the refused choice.
        this.accounts.apply((accounts) => accounts.map((item) => ({ ...item })));
        done();
      },
    });
  }
}
