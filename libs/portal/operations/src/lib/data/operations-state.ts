import {
  EventsInMinute,
  HandshakeRefusal,
  isSameRefusalEntry,
  OperationsRefusal,
  OperationsSnapshot,
  RECENT_REFUSALS_KEPT,
} from '@derm/shared/contracts';

const MINUTE_MS = 60_000;

/** A minute's count heard live: counts only grow, so a late or repeated one (several nodes) never lowers it. */
export function countedMinute({ minute, count }: EventsInMinute) {
  return (snapshot: OperationsSnapshot): OperationsSnapshot => {
    const known = snapshot.eventsPerMinute.some((bucket) => bucket.minute === minute);
    const eventsPerMinute = known
      ? snapshot.eventsPerMinute.map((bucket) =>
          bucket.minute === minute ? { minute, count: Math.max(bucket.count, count) } : bucket,
        )
      : [...snapshot.eventsPerMinute, { minute, count }].sort((a, b) => a.minute.localeCompare(b.minute));
    return { ...snapshot, eventsPerMinute };
  };
}

/**
 * A refusal heard live goes first with its entry, which replaces the same person's entry for the
 * same reason. One heard again, or after a later one of its entry (from another node), changes nothing.
 */
export function refused(refusal: OperationsRefusal) {
  return (snapshot: OperationsSnapshot): OperationsSnapshot => {
    const same = snapshot.refusals.find((known) => isSameRefusalEntry(known, refusal));
    if (same && (same.at > refusal.at || (same.at === refusal.at && same.count >= refusal.count))) return snapshot;
    const refusals = [refusal, ...snapshot.refusals.filter((known) => known !== same)].slice(0, RECENT_REFUSALS_KEPT);
    return { ...snapshot, refusals };
  };
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
  RATE_LIMITED: 'Too many connection attempts',
  TENANT_INVALID: 'Clinic unknown or suspended',
  UNAUTHORIZED: 'Not signed in',
  VALIDATION_FAILED: 'Malformed handshake',
};
