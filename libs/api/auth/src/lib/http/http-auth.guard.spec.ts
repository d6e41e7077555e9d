import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRole } from '@derm/shared/contracts';
import { AuthenticatedUser } from '../authenticated-user';
import { sessionCheckerWorld } from '../sessions/session-checker.fakes';
import { HttpAuthGuard } from './http-auth.guard';
import { NotSignedInException } from './not-signed-in.exception';
import { IS_PUBLIC } from './public.decorator';

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

const nurse: AuthenticatedUser = { userId: 'u1', tenantId: 't1', role: 'nurse', name: 'Nora' };

/** A guard over real tokens; `good` is a token of a live session of the nurse, as `role`. */
function guard({ role = 'nurse' as StaffRole, active = true } = {}) {
  const world = sessionCheckerWorld();
  world.addAccount(nurse, { role });
  if (!active) world.activeTenants.clear();
  const { token } = world.signIn(nurse);
  return {
    guard: new HttpAuthGuard(new Reflector(), world.checker),
    bearer: (which: 'good' | 'bad') => `Bearer ${which === 'good' ? token : `${token}x`}`,
  };
}

describe('HttpAuthGuard', () => {
  it('lets public routes through without a token', async () => {
    const { context } = contextFor(undefined, { [IS_PUBLIC]: true });
    await expect(guard().guard.canActivate(context)).resolves.toBe(true);
  });

  it('requires a bearer token and attaches the user', async () => {
    const { guard: subject, bearer } = guard();
    await expect(subject.canActivate(contextFor(undefined).context)).rejects.toBeInstanceOf(NotSignedInException);
    const basic = bearer('good').replace('Bearer', 'Basic');
    await expect(subject.canActivate(contextFor(basic).context)).rejects.toBeInstanceOf(NotSignedInException);
    await expect(subject.canActivate(contextFor(bearer('bad')).context)).rejects.toBeInstanceOf(NotSignedInException);
    const { context, request } = contextFor(bearer('good'));
    await expect(subject.canActivate(context)).resolves.toBe(true);
    expect(request.user).toMatchObject({ userId: 'u1', tenantId: 't1' });
  });

  it('reads the scheme in any case and after more than one space, and still refuses a bad token so sent', async () => {
    const { guard: subject, bearer } = guard();
    for (const header of [
      bearer('good').replace('Bearer ', 'bearer '),
      bearer('good').replace('Bearer ', 'BEARER \t '),
    ]) {
      const { context, request } = contextFor(header);
      await expect(subject.canActivate(context)).resolves.toBe(true);
      expect(request.user).toMatchObject({ userId: 'u1', tenantId: 't1' });
    }
    const lowerBad = bearer('bad').replace('Bearer ', 'bearer ');
    await expect(subject.canActivate(contextFor(lowerBad).context)).rejects.toBeInstanceOf(NotSignedInException);
  });

  it('refuses a token of a suspended clinic', async () => {
    const { guard: subject, bearer } = guard({ active: false });
    await expect(subject.canActivate(contextFor(bearer('good')).context)).rejects.toBeInstanceOf(NotSignedInException);
  });

  it("puts the account's role on the request, not the token's", async () => {
    // The token still says nurse; the account now says admin.
    const promoted = guard({ role: 'admin' });
    const { context, request } = contextFor(promoted.bearer('good'));
    await expect(promoted.guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toMatchObject({ userId: 'u1', role: 'admin' });
  });
});
