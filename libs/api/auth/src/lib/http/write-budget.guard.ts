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

/** A write that must work even when the budget is spent (signing out, keeping a session alive). */
export const OutsideWriteBudget = () => SetMetadata(OUTSIDE_WRITE_BUDGET, true);

/**
 * Global REST guard after HttpAuthGuard: each person gets REST_WRITE_POINTS writes per
 * REST_WRITE_WINDOW_SECONDS, counted over every node with REDIS_URL; past it, 429 with
 * Retry-After. Reads and public routes (sign-in has its own throttle) are not counted.
 */
@Injectable()
export class WriteBudgetGuard implements CanActivate {
  private readonly budget: RateLimiterAbstract;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    const { points, windowSeconds } = config.restWriteBudget;
    this.budget = limiters.create({ name: 'rest-writes', points, durationSeconds: windowSeconds });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string }>();
    const exempt = this.reflector.getAllAndOverride<boolean>(OUTSIDE_WRITE_BUDGET, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!WRITE_METHODS.has(request.method) || !request.user || exempt) return true;
    try {
      await this.budget.consume(`${request.user.tenantId}|${request.user.userId}`);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new TooManyRequestsException('Too many changes in a short time; try again later', rejection.msBeforeNext);
    }
  }
}
