import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRole } from '@derm/shared/contracts';
import { PermissionRule, REQUIRED_PERMISSIONS } from './can.decorator';
import { PermissionGuard } from './permission.guard';

function contextFor(role: StaffRole, rules: PermissionRule[] | undefined, body?: unknown): ExecutionContext {
  const handler = () => undefined;
  if (rules) Reflect.defineMetadata(REQUIRED_PERMISSIONS, rules, handler);
  const request = { user: { userId: 'u1', tenantId: 't1', role, name: 'Nora' }, body };
  return {
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('PermissionGuard', () => {
  const guard = new PermissionGuard(new Reflector());

  it('lets routes without a permission through', () => {
    expect(guard.canActivate(contextFor('front-desk', undefined))).toBe(true);
  });

  it("allows a permission of the caller's role and refuses one it lacks, naming it", () => {
    expect(guard.canActivate(contextFor('admin', ['staff:administer']))).toBe(true);
    expect(() => guard.canActivate(contextFor('nurse', ['staff:administer']))).toThrow(ForbiddenException);
    expect(() => guard.canActivate(contextFor('nurse', ['staff:administer']))).toThrow(/staff:administer/);
  });

  it('asks what a rule of the body asks for, and every rule must hold', () => {
    const toEveryone = (body: Record<string, unknown> | undefined) =>
      body?.['everyone'] ? (['alert:send-to-everyone'] as const).slice() : [];
    expect(guard.canActivate(contextFor('front-desk', [toEveryone], { everyone: false }))).toBe(true);
    expect(() => guard.canActivate(contextFor('front-desk', [toEveryone], { everyone: true }))).toThrow(
      ForbiddenException,
    );
    expect(() =>
      guard.canActivate(contextFor('provider', [toEveryone, 'lab-result:file', 'staff:administer'], {})),
    ).toThrow(ForbiddenException);
    expect(guard.canActivate(contextFor('provider', [toEveryone, 'lab-result:file'], 'not an object'))).toBe(true);
  });

  it('says what about the request needs a permission when its rule says why', () => {
    const toMany = () => [
      { permission: 'alert:send-to-everyone' as const, because: 'alert more than 10 people by name' },
    ];
    expect(guard.canActivate(contextFor('provider', [toMany]))).toBe(true);
    expect(() => guard.canActivate(contextFor('front-desk', [toMany]))).toThrow(
      new ForbiddenException('The front-desk role may not alert more than 10 people by name (alert:send-to-everyone)'),
    );
  });
});
