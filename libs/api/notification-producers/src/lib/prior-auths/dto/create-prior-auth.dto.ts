import { IsFreeText, IsLowerCaseUuid } from '@derm/api/http';
import { CreatePriorAuthRequest } from '@derm/shared/contracts';

export class CreatePriorAuthDto implements CreatePriorAuthRequest {
  @IsLowerCaseUuid()
  patientId!: string;

  @IsLowerCaseUuid()
  providerId!: string;

  @IsFreeText(200)
  procedure!: string;
}
