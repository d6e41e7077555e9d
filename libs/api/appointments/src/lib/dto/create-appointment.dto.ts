import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '@derm/api/http';
import { APPOINTMENT_TYPES, AppointmentType, CreateAppointmentRequest } from '@derm/shared/contracts';

export class CreateAppointmentDto implements CreateAppointmentRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  providerId!: string;

  @IsInstant()
  startsAt!: string;

  @IsInstant()
  endsAt!: string;

  @IsOptional()
  @IsIn(APPOINTMENT_TYPES)
  type?: AppointmentType;

  @IsOptional()
  @IsBoolean()
  confirmPast?: boolean;
}
