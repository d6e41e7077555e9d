import { PatientViewAuditEntry } from '@derm/shared/contracts';

/**
 * "Connection 1", "Connection 2"… for the socket ids of the listed views, numbered by when each
 * connection first opened a chart. The id itself means nothing to a reader; the numbers tell which
 * views came from the same tab connection.
 */
export function connectionLabels(entries: readonly PatientViewAuditEntry[]): Map<string, string> {
  const firstSeen = new Map<string, string>();
  for (const { sessionId, startedAt } of entries) {
    const seen = firstSeen.get(sessionId);
    if (!seen || startedAt < seen) firstSeen.set(sessionId, startedAt);
  }
  const ordered = [...firstSeen].sort(([a, aStart], [b, bStart]) => aStart.localeCompare(bStart) || a.localeCompare(b));
  return new Map(ordered.map(([sessionId], index) => [sessionId, `Connection ${index + 1}`]));
}

/** How long a chart stayed open: "45 s", "3 min 5 s", "1 h 12 min"; null while still open. */
export function viewDuration({ startedAt, endedAt }: Pick<PatientViewAuditEntry, 'startedAt' | 'endedAt'>): string | null {
  if (!endedAt) return null;
  const seconds = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}
