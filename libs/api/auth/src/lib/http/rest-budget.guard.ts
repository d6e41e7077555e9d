import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@derm/api/config';
import { Budget, RateLimiters } from '@derm/api/redis';
import type { AuthenticatedRequest } from './current-user.decorator';
import { TooManyRequestsException } from './too-many-requests.exception';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const OUTSIDE_WRITE_BUDGET = 'auth:outside-write-budget';

/** A write that must work even when the budget is spent (signing out, keeping a session alive). */
export const OutsideWriteBudget = () => SetMetadata(OUTSIDE_WRITE_BUDGET, true);

export const isOutsideWriteBudget = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(OUTSIDE_WRITE_BUDGET, [context.getHandler(), context.getClass()]) ?? false;

/**
 * Global REST guard after HttpAuthGuard: each person gets REST_WRITE_POINTS writes per
 * REST_WRITE_WINDOW_SECONDS and REST_READ_POINTS reads per REST_READ_WINDOW_SECONDS, counted over
 * every node with REDIS_URL; past either, 429 with Retry-After. So one person flooding the API
 * with requests, even cheap-looking reads of long lists, cannot take the server from everyone
 * else's clinic. A refusal is held before it is answered (`Budget`), keeping its turn
 * (`RestTurnGuard`) meanwhile. Public routes (sign-in has its own throttle, health, metrics) are
 * not counted.
 */
@Injectable()
export class RestBudgetGuard implements CanActivate {
  private readonly writes: Budget;
  private readonly reads: Budget;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    const writes = config.restWriteBudget;
    this.writes = limiters.budget({
      name: 'rest-writes',
      points: writes.points,
      durationSeconds: writes.windowSeconds,
    });
    const reads = config.restReadBudget;
    this.reads = limiters.budget({ name: 'rest-reads', points: reads.points, durationSeconds: reads.windowSeconds });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string }>();
    if (!request.user) return true;
    const person = `${request.user.tenantId}|${request.user.userId}`;
    if (!WRITE_METHODS.has(request.method)) {
      await this.spend(this.reads, person, 'Too many requests in a short time; try again later');
      return true;
    }
    if (!isOutsideWriteBudget(this.reflector, context))
      await this.spend(this.writes, person, 'Too many changes in a short time; try again later');
    return true;
  }

  private async spend(budget: Budget, person: string, refusal: string): Promise<void> {
    const spending = await budget.spend(person);
    if (!spending.ok) throw new TooManyRequestsException(refusal, spending.retryInMs);
  }
}
