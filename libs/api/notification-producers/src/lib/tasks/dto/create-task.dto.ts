import { IsOptional } from 'class-validator';
import { IsInstant, IsLowerCaseUuid } from '@derm/api/http';
import { CreateTaskRequest } from '@derm/shared/contracts';
import { IsFreeText } from '../../free-text';

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
