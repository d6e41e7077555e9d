import { IsUUID } from 'class-validator';
import { PatientRef } from '@derm/shared/contracts';

export class PatientRefDto implements PatientRef {
  @IsUUID()
  patientId!: string;
}
