import { IsOptional } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { PageQuery } from '@derm/api/database';

export const LAB_RESULTS_PAGE = { defaultSize: 100, maxSize: 200 };

export class ListLabResultsQuery extends PageQuery(LAB_RESULTS_PAGE) {
  /** Only this patient's lab results: 404 for a patient not of the caller's clinic (another clinic's, or unknown). */
  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;
}
