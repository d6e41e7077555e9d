import { IsString } from 'class-validator';
import { IsLowerCaseUuid, IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreatePriorAuthRequest } from '@derm/shared/contracts';

export class CreatePriorAuthDto implements CreatePriorAuthRequest {
  @IsLowerCaseUuid()
  patientId!: string;

  @IsLowerCaseUuid()
  providerId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  procedure!: string;
}
