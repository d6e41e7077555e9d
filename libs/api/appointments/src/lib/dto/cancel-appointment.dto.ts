import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@derm/api/http';
import { CancelAppointmentRequest } from '@derm/shared/contracts';

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
