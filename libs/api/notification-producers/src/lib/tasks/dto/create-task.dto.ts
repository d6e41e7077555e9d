import { IsOptional } from 'class-validator';
import { IsFreeText, IsInstant, IsLowerCaseUuid } from '@derm/api/http';
import { CreateTaskRequest } from '@derm/shared/contracts';

export class CreateTaskDto implements CreateTaskRequest {
  @IsLowerCaseUuid()
  assigneeId!: string;

  @IsFreeText(200)
  title!: string;

  @IsOptional()
  @IsLowerCaseUuid()
  patientId?: string;

  @IsOptional()
  @IsInstant()
  dueAt?: string;
}
