import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { OnePatientRead, PatientListRead } from '@derm/shared/contracts';
import { AUDITED_READ, AuditedRead, PatientOf } from './audited-read';
import { PatientRecordReadInterceptor } from './patient-record-read.interceptor';

const audited = (read: AuditedRead) =>
  applyDecorators(SetMetadata(AUDITED_READ, read), UseInterceptors(PatientRecordReadInterceptor));

/**
 * Each successful answer of this route that is of one patient is a read of their records: it is
 * recorded in the access log before it is sent, and withheld (503) when it cannot be recorded.
 * With `whenNoPatient`, an answer of no one patient (a list without its patient filter) is
 * recorded as that, with no patient; without, it writes nothing.
 */
export const AuditsPatientRead = (read: OnePatientRead, patientOf: PatientOf, whenNoPatient?: PatientListRead) =>
  audited({ ofPatient: { read, patientOf }, ofList: whenNoPatient });

/** Each successful answer of this route is a page of a list carrying many patients: recorded once, with no patient. */
export const AuditsPatientListRead = (read: PatientListRead) => audited({ ofList: read });
