import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@derm/api/database';
import { PATIENT_SEARCH_MAX_LENGTH } from '@derm/shared/contracts';

export const PATIENTS_PAGE = { defaultSize: 200, maxSize: 500 };

/** Letters of any script, digits, spaces and the punctuation of names and MRNs; never a LIKE wildcard. */
const SEARCH_TEXT = /^[\p{L}\p{M}\d '’.,-]+$/u;

export class ListPatientsQuery extends PageQuery(PATIENTS_PAGE) {
  /** Part of the name, or the start of the MRN; blank is no filter. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsOptional()
  @IsString()
  @MaxLength(PATIENT_SEARCH_MAX_LENGTH)
  @Matches(SEARCH_TEXT, { message: "A patient search (q) may hold only letters, digits, spaces and . , ' -" })
  q?: string;
}
