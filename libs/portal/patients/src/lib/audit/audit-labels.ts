import { PatientViewAuditEntry } from '@derm/shared/contracts';

/** "Chrome 131 on Linux · session 3f9a1c2b": where the chart was open and which sign-in it was. */
export const sessionLabel = ({ client, session }: Pick<PatientViewAuditEntry, 'client' | 'session'>): string =>
  `${client} · session ${session}`;

/** How long a chart stayed open: "45 s", "3 min 5 s", "1 h 12 min"; null while still open. */
export function viewDuration({
  startedAt,
  endedAt,
}: Pick<PatientViewAuditEntry, 'startedAt' | 'endedAt'>): string | null {
  if (!endedAt) return null;
  const seconds = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}
