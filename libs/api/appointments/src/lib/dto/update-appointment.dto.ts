import { OmitType, PartialType } from '@nestjs/swagger';
import { UpdateAppointmentRequest } from '@derm/shared/contracts';
import { CreateAppointmentDto } from './create-appointment.dto';

export class UpdateAppointmentDto
  extends PartialType(OmitType(CreateAppointmentDto, ['patientId'] as const))
  implements UpdateAppointmentRequest {}
