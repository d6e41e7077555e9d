import { IsOptional } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { PageQuery } from '@derm/api/database';

export const THREADS_PAGE = { defaultSize: 50, maxSize: 100 };

export class ListThreadsQuery extends PageQuery(THREADS_PAGE) {
  /** Only the caller's threads about this patient of the clinic (for the patient's chart). */
  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;
}
