import { AuditQuery } from '@derm/api/patients';

/** Filters of the chart-view audit; `from`/`to` select views that overlap the interval. */
export class PatientViewAuditQuery extends AuditQuery {}
