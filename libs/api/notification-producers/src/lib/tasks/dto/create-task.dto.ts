import { IsOptional, IsString, IsUUID } from 'class-validator';
import { IsInstant, IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreateTaskRequest } from '@derm/shared/contracts';

export class CreateTaskDto implements CreateTaskRequest {
  @IsUUID()
  assigneeId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  title!: string;

  @IsOptional()
  @IsUUID()
  patientId?: string;

  @IsOptional()
  @IsInstant()
  dueAt?: string;
}
