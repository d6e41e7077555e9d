import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional } from 'class-validator';
import { IsFreeText, IsLowerCaseUuid } from '@derm/api/http';
import { CreateThreadRequest, THREAD_SUBJECT_MAX_LENGTH } from '@derm/shared/contracts';

export const THREAD_MAX_PARTICIPANTS = 50;

export class CreateThreadDto implements CreateThreadRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(THREAD_MAX_PARTICIPANTS)
  @IsLowerCaseUuid({ each: true })
  participantIds!: string[];

  @IsOptional()
  @IsFreeText(THREAD_SUBJECT_MAX_LENGTH)
  subject?: string;

  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;
}
