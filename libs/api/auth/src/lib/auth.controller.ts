import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { LoginResponse } from '@derm/shared/contracts';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { Public } from './http/public.decorator';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto);
  }
}
