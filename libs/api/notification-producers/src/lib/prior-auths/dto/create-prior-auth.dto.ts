import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '@derm/api/http';
import { CreatePriorAuthRequest } from '@derm/shared/contracts';

export class CreatePriorAuthDto implements CreatePriorAuthRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  providerId!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  procedure!: string;
}
