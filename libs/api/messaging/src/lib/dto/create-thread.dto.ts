import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Trim } from '@derm/api/http';
import { CreateThreadRequest } from '@derm/shared/contracts';

export const THREAD_SUBJECT_MAX_LENGTH = 200;
export const THREAD_MAX_PARTICIPANTS = 50;

export class CreateThreadDto implements CreateThreadRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(THREAD_MAX_PARTICIPANTS)
  @IsUUID('all', { each: true })
  participantIds!: string[];

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(THREAD_SUBJECT_MAX_LENGTH)
  subject?: string;

  @IsOptional()
  @IsUUID()
  patientId?: string;
}
