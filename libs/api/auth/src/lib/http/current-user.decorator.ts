import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedUser } from '../authenticated-user';

/** The part of an HTTP request the guard reads and fills. */
export interface AuthenticatedRequest {
  headers: { authorization?: string };
  user: AuthenticatedUser;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
