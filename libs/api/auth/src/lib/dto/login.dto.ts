import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { LoginRequest } from '@derm/shared/contracts';

export class LoginDto implements LoginRequest {
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
