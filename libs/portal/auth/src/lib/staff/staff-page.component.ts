import { afterNextRender, ChangeDetectionStrategy, Component, computed, inject, Injector, signal } from '@angular/core';
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

/** `chosen` with the account's choice set, or taken out (`null`). */
function withChoice(
  chosen: ReadonlyMap<string, StaffRole>,
  accountId: string,
  role: StaffRole | null,
): ReadonlyMap<string, StaffRole> {
  const next = new Map(chosen);
  if (role) next.set(accountId, role);
  else next.delete(accountId);
  return next;
}

/**
 * Admins: every account of the clinic by name, with its role and whether it is active. A role
 * chosen in a row's list is applied only by "Make …" beside it (or dropped by "Keep …" or Escape):
 * a closed list changes its value at every arrow key, and each step must not re-role a colleague,
 * least of all make them an admin on the way. Deactivating asks first, then ends that person's
 * sessions at once and takes them off every colleague list; the admin's own account cannot be
 * deactivated or lose its role here, as the server refuses it. Another admin's change shows at
 * once (`staff:changed`).
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
  /** Per account, a role chosen in its list and not applied yet. */
  private readonly chosen = signal<ReadonlyMap<string, StaffRole>>(new Map());
  private readonly injector = inject(Injector);
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

  /** The role chosen in the row's list and not yet applied, else the account's own. */
  protected chosenRole(account: StaffAccount): StaffRole {
    return this.chosen().get(account.id) ?? account.role;
  }

  protected choose(account: StaffAccount, role: StaffRole): void {
    this.chosen.update((chosen) => withChoice(chosen, account.id, role === account.role ? null : role));
  }

  /** Keep (and Escape on the list): the choice goes, the list shows the role again and has the focus. */
  protected keepRole(account: StaffAccount, roleList?: HTMLSelectElement): void {
    this.chosen.update((chosen) => withChoice(chosen, account.id, null));
    roleList?.focus();
  }

  /** The focus goes back to the row's list once answered: the buttons it was on go with the choice. */
  protected applyRole(account: StaffAccount, roleList: HTMLSelectElement): void {
    const role = this.chosen().get(account.id);
    if (!role || this.busy().has(account.id)) return;
    this.change(account, { role }, () => {
      this.chosen.update((chosen) => withChoice(chosen, account.id, null));
      afterNextRender(() => roleList.focus(), { injector: this.injector });
    });
  }

  private change(account: StaffAccount, change: UpdateStaffRequest, answered: () => void = () => undefined): void {
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
        answered();
      },
      error: (error: unknown) => {
        this.error.set(describeFailure(error, 'change the account'));
        // The list shows what the server holds, not the refused choice.
        done();
        answered();
      },
    });
  }
}
