/** The longest patient search (`q`: part of a name, or the start of an MRN); the search boxes take no more. */
export const PATIENT_SEARCH_MAX_LENGTH = 100;

/** Minimum necessary: identity for scheduling and display, no clinical content. */
export interface PatientSummary {
  id: string;
  displayName: string;
  dateOfBirth: string;
  mrn: string;
}

/**
 * What a REST read of patients' records read: one patient's summary (`GET /api/patients/:id`),
 * visits (`…/appointments`), conversations (`GET /api/threads?patientId=`), lab results
 * (`GET /api/lab-results?patientId=`) or prior authorizations (`GET /api/prior-auths?patientId=`),
 * or a page of the patients list (every patient on it: no one patient).
 */
export const PATIENT_RECORD_READS = [
  'summary',
  'visits',
  'conversations',
  'lab-results',
  'prior-auths',
  'patient-list',
] as const;

export type PatientRecordRead = (typeof PATIENT_RECORD_READS)[number];

/** One successful REST read of the access log (`GET /api/audit/patient-record-reads`). */
export interface PatientRecordReadEntry {
  userId: string;
  userName: string;
  /** Unset for a read of the patients list, which is no one patient's record. */
  patientId?: string;
  patientName?: string;
  read: PatientRecordRead;
  /** The browser and system the request's user agent claims: "Chrome 131 on Linux", or "Unknown browser". */
  client: string;
  /** A short tag of the sign-in whose token made the read, as the chart-view audit tags it. */
  session: string;
  at: string;
}
