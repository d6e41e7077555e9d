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
  sessionId: string;
  startedAt: string;
  endedAt?: string;
}
