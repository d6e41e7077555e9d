import { IsLowerCaseUuid } from '@derm/api/http';
import { CreatePriorAuthRequest } from '@derm/shared/contracts';
import { IsFreeText } from '../../free-text';

export class CreatePriorAuthDto implements CreatePriorAuthRequest {
  @IsLowerCaseUuid()
  patientId!: string;

  @IsLowerCaseUuid()
  providerId!: string;

  @IsFreeText(200)
  procedure!: string;
}
