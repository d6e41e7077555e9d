import { IsOptional, IsString } from 'class-validator';
import { IsInstant, IsLowerCaseUuid, IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreateTaskRequest } from '@derm/shared/contracts';

export class CreateTaskDto implements CreateTaskRequest {
  @IsLowerCaseUuid()
  assigneeId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  title!: string;

  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;

  @IsOptional()
  @IsInstant()
  dueAt?: string;
}
