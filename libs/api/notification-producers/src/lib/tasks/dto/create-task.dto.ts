import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant, IsNotBlank, IsStorableText, Trim } from '@derm/api/http';
import { CreateTaskRequest } from '@derm/shared/contracts';

export class CreateTaskDto implements CreateTaskRequest {
  @IsUUID()
  assigneeId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxLength(200)
  title!: string;

  @IsOptional()
  @IsUUID()
  patientId?: string;

  @IsOptional()
  @IsInstant()
  dueAt?: string;
}
