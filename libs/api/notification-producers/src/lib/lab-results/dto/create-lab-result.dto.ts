import { IsString } from 'class-validator';
import { IsLowerCaseUuid, IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreateLabResultRequest } from '@derm/shared/contracts';

/** No field for values: a body carrying any is refused (unknown properties are rejected). */
export class CreateLabResultDto implements CreateLabResultRequest {
  @IsLowerCaseUuid()
  patientId!: string;

  @IsLowerCaseUuid()
  orderingProviderId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  testName!: string;
}
