import { Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@derm/api/config';
import { RateLimiters } from '@derm/api/redis';
import type { RealtimeSocket } from '../realtime-socket';
import { CommandException } from './command.exception';

/**
 * The command budget of one person, over all of their sockets and (with REDIS_URL) every node:
 * WS_RATE_LIMIT_POINTS commands per WS_RATE_LIMIT_WINDOW_MS, so opening more sockets buys
 * nothing. One instance for every gateway, so one budget whatever the command.
 */
@Injectable()
export class CommandBudget {
  private readonly budget: RateLimiterAbstract;

  constructor(config: AppConfig, limiters: RateLimiters) {
    const { points, windowSeconds } = config.wsRateLimit;
    this.budget = limiters.create({ name: 'ws-commands', points, durationSeconds: windowSeconds });
  }

  /** Counts one command of the socket's person; throws RATE_LIMITED past the budget. */
  async spend(socket: RealtimeSocket): Promise<void> {
    const { tenantId, userId } = socket.data;
    try {
      await this.budget.consume(`${tenantId}|${userId}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new CommandException('RATE_LIMITED', `Too many commands; retry in ${rejection.msBeforeNext} ms`);
    }
  }
}
