import { IsOptional } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { PageQuery } from '@derm/api/database';

export const PRIOR_AUTHS_PAGE = { defaultSize: 100, maxSize: 200 };

export class ListPriorAuthsQuery extends PageQuery(PRIOR_AUTHS_PAGE) {
  /** Only this patient's prior authorizations: 404 for a patient not of the caller's clinic (another clinic's, or unknown). */
  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;
}
