import { PatientViewAuditFilters } from '../data/patients-api.service';

/** What the audit form holds: ids, or '' for "all"; `datetime-local` values in local time. */
export interface AuditFilterForm {
  patientId: string;
  userId: string;
  from: string;
  to: string;
}

/** The API's filters: unset for "all", times as instants (the form's are local, without a zone). */
export function toAuditFilters({ patientId, userId, from, to }: AuditFilterForm): PatientViewAuditFilters {
  return {
    ...(patientId ? { patientId } : {}),
    ...(userId ? { userId } : {}),
    ...(from ? { from: new Date(from).toISOString() } : {}),
    ...(to ? { to: new Date(to).toISOString() } : {}),
  };
}
