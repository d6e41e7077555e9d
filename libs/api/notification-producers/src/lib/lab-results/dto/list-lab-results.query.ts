import { IsOptional, IsUUID } from 'class-validator';

export class ListLabResultsQuery {
  @IsOptional()
  @IsUUID()
  patientId?: string;
}
