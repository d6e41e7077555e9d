import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CancelAppointmentRequest } from '@derm/shared/contracts';

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
