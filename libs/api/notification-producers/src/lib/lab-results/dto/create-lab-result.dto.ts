import { IsFreeText, IsLowerCaseUuid } from '@derm/api/http';
import { CreateLabResultRequest } from '@derm/shared/contracts';

/** No field for values: a body carrying any is refused (unknown properties are rejected). */
export class CreateLabResultDto implements CreateLabResultRequest {
  @IsLowerCaseUuid()
  patientId!: string;

  @IsLowerCaseUuid()
  orderingProviderId!: string;

  @IsFreeText(200)
  testName!: string;
}
