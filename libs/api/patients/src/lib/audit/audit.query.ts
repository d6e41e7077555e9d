import { IsOptional } from 'class-validator';
import { PageQuery } from '@derm/api/database';
import { IsInstant, IsLowerCaseUuid } from '@derm/api/http';

export const AUDIT_PAGE = { defaultSize: 500, maxSize: 500 };

/** The filters every audit of a clinic's patients takes: by patient, staff member and time. */
export class AuditQuery extends PageQuery(AUDIT_PAGE) {
  /** Only this patient's rows: 404 for a patient not of the caller's clinic (another clinic's, or unknown). */
  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;

  /** Only this staff member's rows, a former one's too: 404 for anyone not of the caller's clinic. */
  @IsOptional()
  @IsLowerCaseUuid()
  userId?: string;

  @IsOptional()
  @IsInstant()
  from?: string;

  @IsOptional()
  @IsInstant()
  to?: string;
}
