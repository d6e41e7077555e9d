import { IsLowerCaseUuid } from '@derm/api/http';
import { PatientRef } from '@derm/shared/contracts';

export class PatientRefDto implements PatientRef {
  @IsLowerCaseUuid()
  patientId!: string;
}
