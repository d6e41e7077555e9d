import { IsOptional } from 'class-validator';
import { IsFreeText } from '@derm/api/http';
import { CANCEL_REASON_MAX_LENGTH, CancelAppointmentRequest } from '@derm/shared/contracts';

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @IsOptional()
  @IsFreeText(CANCEL_REASON_MAX_LENGTH)
  reason?: string;
}
