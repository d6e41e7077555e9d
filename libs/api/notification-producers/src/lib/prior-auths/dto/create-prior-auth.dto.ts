import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { CreatePriorAuthRequest } from '@derm/shared/contracts';

export class CreatePriorAuthDto implements CreatePriorAuthRequest {
  @IsUUID()
  patientId!: string;

  @IsUUID()
  providerId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  procedure!: string;
}
