import { IsOptional, IsString } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CancelAppointmentRequest } from '@derm/shared/contracts';

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @IsOptional()
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(500)
  reason?: string;
}
