import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@derm/api/database';

export const PRIOR_AUTHS_PAGE = { defaultSize: 100, maxSize: 200 };

export class ListPriorAuthsQuery extends PageQuery(PRIOR_AUTHS_PAGE) {
  @IsOptional()
  @IsUUID()
  patientId?: string;
}
