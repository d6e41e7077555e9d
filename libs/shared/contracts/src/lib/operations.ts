import { HandshakeRefusal } from './errors';
import { OnlineStaff } from './presence';

/** Domain events (`DomainEventDataMap`) published to one clinic in one minute. */
export interface EventsInMinute {
  /** The minute's first instant, ISO 8601 UTC (seconds and milliseconds zero). */
  minute: string;
  count: number;
}

/**
 * Handshakes of this clinic refused after their token verified: a signed-out, expired or
 * deactivated session, or one connection too many. One person refused again for the same reason
 * (a tab that keeps retrying past the cap) is one entry that counts them. Refusals that name no
 * clinic (a forged or malformed token) belong to no clinic's page.
 */
export interface OperationsRefusal {
  /** The latest refusal's. */
  id: string;
  code: HandshakeRefusal;
  /** When the latest came. */
  at: string;
  /** Whose token it was, as the token named them. */
  user: { id: string; name: string };
  /** How many refusals of this person for this reason the entry holds, since `firstAt`. */
  count: number;
  firstAt: string;
}

/** `GET /api/operations`: what the admins' operations page starts from. */
export interface OperationsSnapshot {
  connectedStaff: OnlineStaff[];
  /** The last 60 minutes, oldest first, the current minute last; minutes without events count 0. */
  eventsPerMinute: EventsInMinute[];
  /** Latest refusal first, at most {@link RECENT_REFUSALS_KEPT} entries. */
  refusals: OperationsRefusal[];
  /** `cluster`: counted over every API node (Redis); `node`: this node only (no REDIS_URL). */
  scope: 'cluster' | 'node';
}

export const EVENTS_PER_MINUTE_WINDOW = 60;
export const RECENT_REFUSALS_KEPT = 20;

/** Refusals of one person for one reason make one entry of the list. */
export function isSameRefusalEntry(a: OperationsRefusal, b: OperationsRefusal): boolean {
  return a.code === b.code && a.user.id === b.user.id;
}
