import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '@derm/api/http';
import { CreateTaskRequest } from '@derm/shared/contracts';

export class CreateTaskDto implements CreateTaskRequest {
  @IsUUID()
  assigneeId!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @IsOptional()
  @IsUUID()
  patientId?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;
}
