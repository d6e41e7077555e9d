import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { APPOINTMENT_TYPES, AppointmentType, CreateAppointmentRequest } from '@derm/shared/contracts';

export class CreateAppointmentDto implements CreateAppointmentRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  providerId!: string;

  @IsISO8601({ strict: true })
  startsAt!: string;

  @IsISO8601({ strict: true })
  endsAt!: string;

  @IsOptional()
  @IsIn(APPOINTMENT_TYPES)
  type?: AppointmentType;

  @IsOptional()
  @IsBoolean()
  confirmPast?: boolean;
}
