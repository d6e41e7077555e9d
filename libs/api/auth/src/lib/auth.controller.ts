import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { LoginResponse } from '@derm/shared/contracts';
import type { SignInSession } from './access-token.service';
import { AuthenticatedUser } from './authenticated-user';
import { AuthService } from './auth.service';
import { CurrentSession, CurrentUser } from './http/current-user.decorator';
import { LoginDto } from './dto/login.dto';
import { Public } from './http/public.decorator';
import { OutsideWriteBudget } from './http/rest-budget.guard';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<LoginResponse> {
    return this.auth.login(dto, address);
  }

  /**
   * Before the token expires: a fresh one, which a live socket then hands over with `session:refresh`.
   * Counted against the person's refresh budget, not their writes: it must work when those are spent.
   */
  @Post('refresh')
  @HttpCode(200)
  @OutsideWriteBudget('refreshes')
  refresh(@CurrentUser() user: AuthenticatedUser, @CurrentSession() session: SignInSession): Promise<LoginResponse> {
    return this.auth.refresh(user, session);
  }

  /** Signs this session out on every node: its tokens stop working and its sockets are closed. */
  @Post('logout')
  @HttpCode(204)
  @OutsideWriteBudget()
  logout(@CurrentUser() user: AuthenticatedUser, @CurrentSession() session: SignInSession): Promise<void> {
    return this.auth.logout(user, session);
  }
}
