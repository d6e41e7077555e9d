import { TenantEvent } from '@derm/api/events';

/**
 * A session was signed out (`sessionId` set), or a staff member's account changed: deactivated,
 * or given another role. Emitted on every node, so each re-checks its own sockets of that person;
 * and again, on one node and without `sessionId`, when a socket connects there that was admitted
 * on an answer that may predate such a change (see HandshakeAuthenticator).
 *
 * `ended`: the sessions it names (`sessionId`'s, or all the person's) have ended, so their
 * sockets are closed at once, while the event is being emitted, with nothing to ask again.
 */
export class StaffSessionsChanged extends TenantEvent {
  readonly sessionId?: string;
  readonly ended: boolean;

  constructor(
    tenantId: string,
    readonly userId: string,
    { sessionId, ended = false }: { sessionId?: string; ended?: boolean } = {},
  ) {
    super(tenantId);
    this.sessionId = sessionId;
    this.ended = ended;
  }
}
