import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress } from '@derm/api/http';
import { LOGIN_EMAIL_MAX_LENGTH, LOGIN_PASSWORD_MAX_LENGTH, LoginRequest } from '@derm/shared/contracts';

export class LoginDto implements LoginRequest {
  @IsEmailAddress()
  @MaxLength(LOGIN_EMAIL_MAX_LENGTH)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LOGIN_PASSWORD_MAX_LENGTH)
  password!: string;
}
