import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleMay } from '@derm/shared/contracts';
import { PermissionRule, REQUIRED_PERMISSIONS, RequestBody } from './can.decorator';
import { AuthenticatedRequest } from './current-user.decorator';

/**
 * The one place permissions are enforced: runs after `HttpAuthGuard`, so the role is the
 * account's role as it is now, not the token's.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rules = this.reflector.getAllAndMerge<PermissionRule[]>(REQUIRED_PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rules.length === 0) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { body?: unknown }>();
    const body = typeof request.body === 'object' && request.body !== null ? (request.body as RequestBody) : undefined;
    const needed = rules
      .flatMap((rule) => (typeof rule === 'function' ? rule(body) : [rule]))
      .map((required) => (typeof required === 'string' ? { permission: required, because: 'do this' } : required));
    const missing = needed.find(({ permission }) => !roleMay(request.user.role, permission));
    if (missing) {
      throw new ForbiddenException(`The ${request.user.role} role may not ${missing.because} (${missing.permission})`);
    }
    return true;
  }
}
