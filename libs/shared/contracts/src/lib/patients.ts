/** Minimum necessary: identity for scheduling and display, no clinical content. */
export interface PatientSummary {
  id: string;
  displayName: string;
  dateOfBirth: string;
  mrn: string;
}
