import { IsOptional } from 'class-validator';
import { PageQuery } from '@derm/api/database';
import { IsInstant, IsLowerCaseUuid } from '@derm/api/http';

export const AUDIT_PAGE = { defaultSize: 500, maxSize: 500 };

/** Filters of the chart-view audit; `from`/`to` select views that overlap the interval. */
export class PatientViewAuditQuery extends PageQuery(AUDIT_PAGE) {
  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;

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
