import { IsOptional, IsString } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CANCEL_REASON_MAX_LENGTH, CancelAppointmentRequest } from '@derm/shared/contracts';

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @IsOptional()
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(CANCEL_REASON_MAX_LENGTH)
  reason?: string;
}
