import { IsOptional, IsUUID } from 'class-validator';

export class ListPriorAuthsQuery {
  @IsOptional()
  @IsUUID()
  patientId?: string;
}
