import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

/** Filters of the chart-view audit; `from`/`to` select views that overlap the interval. */
export class PatientViewAuditQuery {
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;
}
