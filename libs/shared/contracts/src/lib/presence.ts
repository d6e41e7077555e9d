import { StaffRole } from './roles';

export interface OnlineStaff {
  userId: string;
  name: string;
  role: StaffRole;
  since: string;
}
export interface PresenceOnline {
  userId: string;
  name: string;
  role: StaffRole;
}
export interface PresenceOffline {
  userId: string;
  lastSeenAt: string;
}
/**
 * How a socket hears of colleagues coming and going, chosen in its handshake (`auth.presence`):
 * `each` (the default) is one `presence:online` / `presence:offline` per person; `batched` is one
 * `presence:changed` for many people, so that a clinic's staff signing in at once costs each open
 * tab a few packets rather than one per colleague.
 */
export const PRESENCE_DELIVERIES = ['each', 'batched'] as const;
export type PresenceDelivery = (typeof PRESENCE_DELIVERIES)[number];
/**
 * The changes since the previous `presence:changed`, each person once, in their latest state. A
 * socket that connected since then is sent only the changes from about its connection on: what
 * came before is in its `presence:list`.
 */
export interface PresenceChanged {
  online: PresenceOnline[];
  offline: PresenceOffline[];
}

/**
 * Charts one socket may view at once. The portal shows one chart per tab; the rest is headroom.
 * A `patient:view-start` past it is refused `TOO_MANY_VIEWS` until the socket stops a view, so one
 * connection cannot sit in every chart of its clinic, listed under "Also viewing" on each.
 */
export const MAX_CHARTS_VIEWED_PER_SOCKET = 5;

export interface PatientViewer {
  userId: string;
  name: string;
  since: string;
}
export interface PatientViewers {
  patientId: string;
  viewers: PatientViewer[];
}
export interface PatientRef {
  patientId: string;
}
export interface PatientViewsResult {
  viewers: PatientViewer[];
}
export interface PresenceListResult {
  online: OnlineStaff[];
}

export interface PatientViewAuditEntry {
  userId: string;
  userName: string;
  patientId: string;
  patientName: string;
  /** The browser and system the chart was open in, read from its user agent: "Chrome 131 on Linux". */
  client: string;
  /** A short tag of the sign-in the view belongs to (every tab of one sign-in shares it), never a socket id. */
  session: string;
  startedAt: string;
  endedAt?: string;
  /** How long the chart stayed open, in whole seconds; unset while it is open. */
  durationSeconds?: number;
}
