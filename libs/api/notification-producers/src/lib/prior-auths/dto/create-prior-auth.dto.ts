import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank, IsStorableText, Trim } from '@derm/api/http';
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
  @MaxLength(200)
  procedure!: string;
}
