/** The longest patient search (`q`: part of a name, or the start of an MRN); the search boxes take no more. */
export const PATIENT_SEARCH_MAX_LENGTH = 100;

/** Minimum necessary: identity for scheduling and display, no clinical content. */
export interface PatientSummary {
  id: string;
  displayName: string;
  dateOfBirth: string;
  mrn: string;
}
