import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken } from '@derm/api/http';
import { SessionChecker } from '../sessions/session-checker.service';
import { AuthenticatedRequest } from './current-user.decorator';
import { NotSignedInException, signedIn } from './not-signed-in.exception';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global REST guard: a valid bearer token of a live session of an active account and clinic. It
 * puts the account as it is now on the request, for `PermissionGuard` and the handlers. Its 401s
 * cost the client address a point of its anonymous budget (`NotSignedInException`).
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
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new NotSignedInException('A bearer token is required');
    const { user, session, changesSeen } = await signedIn(() => this.sessions.authenticate(token));
    Object.assign(request, { user, session, changesSeen });
    return true;
  }
}
