import { TenantEvent } from '@derm/api/events';

/**
 * A session was signed out (`sessionId` set), or a staff member's account changed: deactivated,
 * or given another role. Emitted on every node, so each re-checks its own sockets of that person;
 * and again, on one node and without `sessionId`, when a socket connects there that was admitted
 * on an answer that may predate such a change (see HandshakeAuthenticator).
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
