import { TenantEvent } from '@derm/api/events';

/** The user's last socket closed and the grace period passed without a new one. */
export class StaffWentOffline extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly lastSeenAt: Date,
  ) {
    super(tenantId);
  }
}
