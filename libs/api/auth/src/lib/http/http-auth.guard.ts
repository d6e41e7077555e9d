import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRole } from '@derm/shared/contracts';
import { TokenRejectedError } from '../access-token.service';
import { SessionChecker } from '../sessions/session-checker.service';
import { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

/**
 * Global REST guard: a valid bearer token of a live session of an active account and clinic, and
 * the route's roles if any, read from the account as it is now.
 */
@Injectable()
export class HttpAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionChecker,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('A bearer token is required');
    try {
      const { user, session } = await this.sessions.authenticate(token);
      request.user = user;
      request.session = session;
    } catch (error) {
      if (error instanceof TokenRejectedError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new ForbiddenException(`Only ${roles.join(', ')} may do this`);
    }
    return true;
  }
}
