import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { SignInSession } from '../access-token.service';
import { AuthenticatedUser } from '../authenticated-user';

/** The part of an HTTP request the guard reads and fills. */
export interface AuthenticatedRequest {
  headers: { authorization?: string };
  user: AuthenticatedUser;
  session: SignInSession;
  /** See `SessionChecker.changedSince`: a change of the person since then is checked again. */
  changesSeen: number;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** The sign-in the request's token belongs to (for sign-out and refresh). */
export const CurrentSession = createParamDecorator(
  (_: unknown, context: ExecutionContext): SignInSession =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);
