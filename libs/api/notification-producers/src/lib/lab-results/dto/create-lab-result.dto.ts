import { IsString, IsUUID } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreateLabResultRequest } from '@derm/shared/contracts';

/** No field for values: a body carrying any is refused (unknown properties are rejected). */
export class CreateLabResultDto implements CreateLabResultRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  orderingProviderId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  testName!: string;
}
