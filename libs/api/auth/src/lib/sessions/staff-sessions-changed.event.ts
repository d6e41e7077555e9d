import { TenantEvent } from '@derm/api/events';

/**
 * A session was signed out (`sessionId` set), or a staff member's account changed: deactivated,
 * or given another role. Emitted on every node, so each re-checks its own sockets of that person.
 */
export class StaffSessionsChanged extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly sessionId?: string,
  ) {
    super(tenantId);
  }
}
