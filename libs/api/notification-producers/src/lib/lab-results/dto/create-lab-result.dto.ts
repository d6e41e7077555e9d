import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { CreateLabResultRequest } from '@derm/shared/contracts';

/** No field for values: a body carrying any is refused (unknown properties are rejected). */
export class CreateLabResultDto implements CreateLabResultRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  orderingProviderId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  testName!: string;
}
