import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRole } from '@derm/shared/contracts';
import { AccessTokenService, TokenRejectedError } from '../access-token.service';
import { TenantDirectory } from '../tenant-directory.service';
import { HttpAuthGuard } from './http-auth.guard';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

function contextFor(authorization: string | undefined, metadata: Record<string, unknown> = {}) {
  const request: { headers: { authorization?: string }; user?: unknown } = { headers: { authorization } };
  const handler = () => undefined;
  Object.entries(metadata).forEach(([key, value]) => Reflect.defineMetadata(key, value, handler));
  const context = {
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

function guard({ role = 'nurse' as StaffRole, active = true } = {}) {
  const tokens = {
    verify: (token: string) => {
      if (token !== 'good') throw new TokenRejectedError('UNAUTHORIZED', 'bad token');
      return { user: { userId: 'u1', tenantId: 't1', role, name: 'Nora' }, expiresAt: 0 };
    },
  } as unknown as AccessTokenService;
  const tenants = { isActive: async () => active } as unknown as TenantDirectory;
  return new HttpAuthGuard(new Reflector(), tokens, tenants);
}

describe('HttpAuthGuard', () => {
  it('lets public routes through without a token', async () => {
    const { context } = contextFor(undefined, { [IS_PUBLIC]: true });
    await expect(guard().canActivate(context)).resolves.toBe(true);
  });

  it('requires a bearer token and attaches the user', async () => {
    await expect(guard().canActivate(contextFor(undefined).context)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard().canActivate(contextFor('Basic good').context)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard().canActivate(contextFor('Bearer bad').context)).rejects.toBeInstanceOf(UnauthorizedException);
    const { context, request } = contextFor('Bearer good');
    await expect(guard().canActivate(context)).resolves.toBe(true);
    expect(request.user).toMatchObject({ userId: 'u1', tenantId: 't1' });
  });

  it('refuses a token of a suspended clinic', async () => {
    const { context } = contextFor('Bearer good');
    await expect(guard({ active: false }).canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it("enforces a route's roles", async () => {
    const adminsOnly = { [REQUIRED_ROLES]: ['admin'] };
    await expect(guard().canActivate(contextFor('Bearer good', adminsOnly).context)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(guard({ role: 'admin' }).canActivate(contextFor('Bearer good', adminsOnly).context)).resolves.toBe(true);
  });
});
