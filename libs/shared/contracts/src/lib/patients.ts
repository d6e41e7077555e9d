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
 * What a REST read of one patient's records read: their summary (`GET /api/patients/:id`), visits
 * (`…/appointments`), conversations (`GET /api/threads?patientId=`), one conversation
 * (`GET /api/threads/:id`, `/direct/:userId`) or its messages (`…/:id/messages`), lab results
 * (`GET /api/lab-results?patientId=`), prior authorizations (`GET /api/prior-auths?patientId=`) or
 * one of them (`…/:id`), one visit (`GET /api/appointments/:id`), or who views their chart
 * (`GET /api/patients/:id/viewers`).
 */
export const ONE_PATIENT_READS = [
  'summary',
  'visits',
  'conversations',
  'conversation',
  'messages',
  'lab-results',
  'prior-auths',
  'prior-auth',
  'visit',
  'chart-viewers',
] as const;

/**
 * What a REST read of a list carrying many patients read, recorded with no patient: a page of the
 * patients list (`GET /api/patients`), of a day's schedule (`GET /api/appointments?date=`), of
 * the clinic's lab results or prior authorizations (`GET /api/lab-results`, `/api/prior-auths`), or
 * of the reader's conversations (`GET /api/threads` without a `patientId`).
 */
export const PATIENT_LIST_READS = ['patient-list', 'schedule', 'lab-result-list', 'prior-auth-list', 'inbox'] as const;

export const PATIENT_RECORD_READS = [...ONE_PATIENT_READS, ...PATIENT_LIST_READS] as const;

export type OnePatientRead = (typeof ONE_PATIENT_READS)[number];
export type PatientListRead = (typeof PATIENT_LIST_READS)[number];
export type PatientRecordRead = (typeof PATIENT_RECORD_READS)[number];

/** One successful REST read of the access log (`GET /api/audit/patient-record-reads`). */
export interface PatientRecordReadEntry {
  userId: string;
  userName: string;
  /** Unset for a read of a list (`PatientListRead`), which is no one patient's record. */
  patientId?: string;
  patientName?: string;
  read: PatientRecordRead;
  /** The browser and system the request's user agent claims: "Chrome 131 on Linux", or "Unknown browser". */
  client: string;
  /** A short tag of the sign-in whose token made the read, as the chart-view audit tags it. */
  session: string;
  at: string;
}
