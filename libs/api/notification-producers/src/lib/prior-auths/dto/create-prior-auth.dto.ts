import { IsString, IsUUID } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreatePriorAuthRequest } from '@derm/shared/contracts';

export class CreatePriorAuthDto implements CreatePriorAuthRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  providerId!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  procedure!: string;
}
