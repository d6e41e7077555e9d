import { EventsInMinute, HandshakeRefusal, OperationsRefusal, OperationsSnapshot, RECENT_REFUSALS_KEPT } from '@derm/shared/contracts';

const MINUTE_MS = 60_000;

/** A minute's count heard live: counts only grow, so a late or repeated one (several nodes) never lowers it. */
export function countedMinute({ minute, count }: EventsInMinute) {
  return (snapshot: OperationsSnapshot): OperationsSnapshot => {
    const known = snapshot.eventsPerMinute.some((bucket) => bucket.minute === minute);
    const eventsPerMinute = known
      ? snapshot.eventsPerMinute.map((bucket) => (bucket.minute === minute ? { minute, count: Math.max(bucket.count, count) } : bucket))
      : [...snapshot.eventsPerMinute, { minute, count }].sort((a, b) => a.minute.localeCompare(b.minute));
    return { ...snapshot, eventsPerMinute };
  };
}

/** A refusal heard live, newest first, once however often it is heard. */
export function refused(refusal: OperationsRefusal) {
  return (snapshot: OperationsSnapshot): OperationsSnapshot =>
    snapshot.refusals.some((known) => known.id === refusal.id)
      ? snapshot
      : { ...snapshot, refusals: [refusal, ...snapshot.refusals].slice(0, RECENT_REFUSALS_KEPT) };
}

/**
 * The 60 minutes ending with the one `now` is in, oldest first; a minute without a count is 0.
 * A count heard for a later minute means that minute has begun (the page's clock ticks coarsely
 * and may run behind the server's), so the hour then ends with it.
 */
export function lastHour(series: readonly EventsInMinute[], now: Date, minutes = 60): EventsInMinute[] {
  const counts = new Map(series.map(({ minute, count }) => [Date.parse(minute), count]));
  const last = Math.max(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS, ...counts.keys());
  return Array.from({ length: minutes }, (_, i) => {
    const minute = last - (minutes - 1 - i) * MINUTE_MS;
    return { minute: new Date(minute).toISOString(), count: counts.get(minute) ?? 0 };
  });
}

/** What each refusal means to an admin. */
export const REFUSAL_LABELS: Record<HandshakeRefusal, string> = {
  REVOKED: 'Signed out or deactivated session',
  TOKEN_EXPIRED: 'Expired session',
  TOO_MANY_CONNECTIONS: 'Too many connections',
  TENANT_INVALID: 'Clinic unknown or suspended',
  UNAUTHORIZED: 'Not signed in',
  VALIDATION_FAILED: 'Malformed handshake',
};
