import { AuditQuery } from '../audit/audit.query';

/** Filters of the access log; `from`/`to` select the reads made within the interval. */
export class PatientRecordReadsQuery extends AuditQuery {}
