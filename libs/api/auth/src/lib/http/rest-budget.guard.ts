import { setTimeout as sleep } from 'node:timers/promises';
import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@derm/api/config';
import { RateLimiters } from '@derm/api/redis';
import type { AuthenticatedRequest } from './current-user.decorator';
import { TooManyRequestsException } from './too-many-requests.exception';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const OUTSIDE_WRITE_BUDGET = 'auth:outside-write-budget';
/** How long a refusal is held before it is answered, at most (less when the budget refills sooner). */
const REFUSAL_HOLD_MS = 1000;

/** A write that must work even when the budget is spent (signing out, keeping a session alive). */
export const OutsideWriteBudget = () => SetMetadata(OUTSIDE_WRITE_BUDGET, true);

export const isOutsideWriteBudget = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(OUTSIDE_WRITE_BUDGET, [context.getHandler(), context.getClass()]) ?? false;

/**
 * Global REST guard after HttpAuthGuard: each person gets REST_WRITE_POINTS writes per
 * REST_WRITE_WINDOW_SECONDS and REST_READ_POINTS reads per REST_READ_WINDOW_SECONDS, counted over
 * every node with REDIS_URL; past either, 429 with Retry-After. So one person flooding the API
 * with requests, even cheap-looking reads of long lists, cannot take the server from everyone
 * else's clinic. A refusal is held up to REFUSAL_HOLD_MS before it is answered: it keeps its turn
 * (`RestTurnGuard`) meanwhile, so a client that asks again as soon as it is refused slows to a few
 * requests a second instead of keeping the server busy refusing it. Public routes (sign-in has its
 * own throttle, health, metrics) are not counted.
 */
@Injectable()
export class RestBudgetGuard implements CanActivate {
  private readonly writes: RateLimiterAbstract;
  private readonly reads: RateLimiterAbstract;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    const writes = config.restWriteBudget;
    this.writes = limiters.create({
      name: 'rest-writes',
      points: writes.points,
      durationSeconds: writes.windowSeconds,
    });
    const reads = config.restReadBudget;
    this.reads = limiters.create({ name: 'rest-reads', points: reads.points, durationSeconds: reads.windowSeconds });
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

  private async spend(budget: RateLimiterAbstract, person: string, refusal: string): Promise<void> {
    try {
      await budget.consume(person);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const held = Math.min(rejection.msBeforeNext, REFUSAL_HOLD_MS);
      await sleep(held);
      throw new TooManyRequestsException(refusal, rejection.msBeforeNext - held);
    }
  }
}
