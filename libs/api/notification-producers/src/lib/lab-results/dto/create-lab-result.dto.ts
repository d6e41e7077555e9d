import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank, IsStorableText, Trim } from '@derm/api/http';
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
  @MaxLength(200)
  testName!: string;
}
