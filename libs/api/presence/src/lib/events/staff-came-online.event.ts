import { TenantEvent } from '@derm/api/events';
import { StaffRole } from '@derm/shared/contracts';

/** The first socket of a user who was not online (or whose grace period had run out). */
export class StaffCameOnline extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly name: string,
    readonly role: StaffRole,
  ) {
    super(tenantId);
  }
}
