import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { PatientRecordRead } from '@derm/shared/contracts';
import { AUDITED_READ, AuditedRead, PatientOfRequest } from './audited-read';
import { PatientRecordReadInterceptor } from './patient-record-read.interceptor';

const audited = (read: AuditedRead) =>
  applyDecorators(SetMetadata(AUDITED_READ, read), UseInterceptors(PatientRecordReadInterceptor));

/**
 * Each successful answer of this route is a read of one patient's records: it is recorded in the
 * access log before it is sent, and withheld (503) when it cannot be recorded.
 */
export const AuditsPatientRead = (read: Exclude<PatientRecordRead, 'patient-list'>, patientOf: PatientOfRequest) =>
  audited({ read, patientOf });

/** Each successful answer of this route is a page of the patients list: recorded once, with no patient. */
export const AuditsPatientListRead = () => audited({ read: 'patient-list' });
