import { Injectable } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { Budget, RateLimiters } from '@derm/api/redis';
import type { AuthenticatedUser } from '../authenticated-user';
import { TooManyRequestsException } from './too-many-requests.exception';

/** What a signed-in person's REST request is counted against. */
export type RestSpending = 'reads' | 'writes' | 'refreshes';

const REFUSALS: Record<RestSpending, string> = {
  reads: 'Too many requests in a short time; try again later',
  writes: 'Too many changes in a short time; try again later',
  refreshes: 'Too many token refreshes in a short time; try again later',
};

/**
 * Each person's REST budgets, counted over every node with REDIS_URL: REST_READ_POINTS reads,
 * REST_WRITE_POINTS writes and REST_REFRESH_POINTS token refreshes per their windows. One
 * instance for `RestBudgetGuard` and for the requests no route answers (`AnonymousRefusalFilter`),
 * so a person's requests for unknown routes cost the same reads as their requests for real ones.
 */
@Injectable()
export class RestBudgets {
  private readonly budgets: Record<RestSpending, Budget>;

  constructor(config: AppConfig, limiters: RateLimiters) {
    const budget = (name: string, { points, windowSeconds }: { points: number; windowSeconds: number }) =>
      limiters.budget({ name, points, durationSeconds: windowSeconds });
    this.budgets = {
      reads: budget('rest-reads', config.restReadBudget),
      writes: budget('rest-writes', config.restWriteBudget),
      refreshes: budget('rest-refreshes', config.restRefreshBudget),
    };
  }

  /** Spends a point of the person's budget; past it, a 429 with Retry-After, held (`Budget`). */
  async spend(
    spending: RestSpending,
    { tenantId, userId }: Pick<AuthenticatedUser, 'tenantId' | 'userId'>,
  ): Promise<void> {
    const spent = await this.budgets[spending].spend(`${tenantId}|${userId}`);
    if (!spent.ok) throw new TooManyRequestsException(REFUSALS[spending], spent.retryInMs);
  }
}
