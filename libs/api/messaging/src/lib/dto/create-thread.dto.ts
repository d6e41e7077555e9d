import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CreateThreadRequest } from '@derm/shared/contracts';

export const THREAD_SUBJECT_MAX_LENGTH = 200;
export const THREAD_MAX_PARTICIPANTS = 50;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateThreadDto implements CreateThreadRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(THREAD_MAX_PARTICIPANTS)
  @IsUUID('all', { each: true })
  participantIds!: string[];

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(THREAD_SUBJECT_MAX_LENGTH)
  subject?: string;

  @IsOptional()
  @IsUUID()
  patientId?: string;
}
