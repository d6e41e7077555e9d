import { HandshakeRefusal } from './errors';
import { OnlineStaff } from './presence';

/** Domain events (`DomainEventDataMap`) published to one clinic in one minute. */
export interface EventsInMinute {
  /** The minute's first instant, ISO 8601 UTC (seconds and milliseconds zero). */
  minute: string;
  count: number;
}

/**
 * A handshake of this clinic refused after its token verified: a signed-out, expired or
 * deactivated session, or one connection too many. Refusals that name no clinic (a forged or
 * malformed token) belong to no clinic's page.
 */
export interface OperationsRefusal {
  id: string;
  code: HandshakeRefusal;
  at: string;
  /** Whose token it was, as the token named them. */
  user: { id: string; name: string };
}

/** `GET /api/operations`: what the admins' operations page starts from. */
export interface OperationsSnapshot {
  connectedStaff: OnlineStaff[];
  /** The last 60 minutes, oldest first, the current minute last; minutes without events count 0. */
  eventsPerMinute: EventsInMinute[];
  /** Newest first, at most {@link RECENT_REFUSALS_KEPT}. */
  refusals: OperationsRefusal[];
  /** `cluster`: counted over every API node (Redis); `node`: this node only (no REDIS_URL). */
  scope: 'cluster' | 'node';
}

export const EVENTS_PER_MINUTE_WINDOW = 60;
export const RECENT_REFUSALS_KEPT = 20;
