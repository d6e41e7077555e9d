import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsInstant, IsLowerCaseUuid } from '@derm/api/http';
import { APPOINTMENT_TYPES, AppointmentType, CreateAppointmentRequest } from '@derm/shared/contracts';

export class CreateAppointmentDto implements CreateAppointmentRequest {
  @IsLowerCaseUuid()
  patientId!: string;

  @IsLowerCaseUuid()
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
