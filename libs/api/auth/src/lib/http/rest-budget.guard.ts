import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './current-user.decorator';
import { RestBudgets } from './rest-budgets.service';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const OUTSIDE_WRITE_BUDGET = 'auth:outside-write-budget';

/** What a write outside the write budget is counted against instead: nothing, or a budget of its own. */
type OutsideWrite = { ownBudget?: 'refreshes' };

/**
 * A write that must work even when the write budget is spent and does not wait for the person's
 * turn (signing out, keeping a session alive); `ownBudget` names the budget that bounds it instead.
 */
export const OutsideWriteBudget = (ownBudget?: OutsideWrite['ownBudget']) =>
  SetMetadata(OUTSIDE_WRITE_BUDGET, { ownBudget } satisfies OutsideWrite);

const outsideWrite = (reflector: Reflector, context: ExecutionContext): OutsideWrite | undefined =>
  reflector.getAllAndOverride<OutsideWrite>(OUTSIDE_WRITE_BUDGET, [context.getHandler(), context.getClass()]);

export const isOutsideWriteBudget = (reflector: Reflector, context: ExecutionContext): boolean =>
  outsideWrite(reflector, context) !== undefined;

/**
 * Global REST guard after HttpAuthGuard: each request of a signed-in person costs a point of their
 * read, write or refresh budget (`RestBudgets`); past it, 429 with Retry-After. So one person
 * flooding the API with requests, even cheap-looking reads of long lists or token refreshes,
 * cannot take the server from everyone else's clinic. A refusal is held before it is answered
 * (`Budget`), keeping its turn (`RestTurnGuard`) meanwhile. Public routes (sign-in has its own
 * throttle, the API documents theirs, health, metrics) and signing out are not counted.
 */
@Injectable()
export class RestBudgetGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly budgets: RestBudgets,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string }>();
    if (!request.user) return true;
    if (!WRITE_METHODS.has(request.method)) {
      await this.budgets.spend('reads', request.user);
      return true;
    }
    const outside = outsideWrite(this.reflector, context);
    if (!outside) await this.budgets.spend('writes', request.user);
    else if (outside.ownBudget) await this.budgets.spend(outside.ownBudget, request.user);
    return true;
  }
}
