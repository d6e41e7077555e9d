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
  /** The browser and system the chart was open in, read from its user agent: "Chrome 131 on Linux". */
  client: string;
  /** A short tag of the sign-in the view belongs to (every tab of one sign-in shares it), never a socket id. */
  session: string;
  startedAt: string;
  endedAt?: string;
  /** How long the chart stayed open, in whole seconds; unset while it is open. */
  durationSeconds?: number;
}
