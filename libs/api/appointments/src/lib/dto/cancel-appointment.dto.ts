import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank, IsStorableText, Trim } from '@derm/api/http';
import { CancelAppointmentRequest } from '@derm/shared/contracts';

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @IsOptional()
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxLength(500)
  reason?: string;
}
