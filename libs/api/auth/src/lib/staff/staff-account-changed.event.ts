import { TenantEvent } from '@derm/api/events';
import { EventActor, StaffAccount } from '@derm/shared/contracts';

/** An admin deactivated, reactivated or re-roled an account: the clinic's lists of colleagues follow. */
export class StaffAccountChanged extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly account: StaffAccount,
  ) {
    super(tenantId, actor);
  }
}
