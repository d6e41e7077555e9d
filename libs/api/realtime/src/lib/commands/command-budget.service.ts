import { Injectable } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { Budget, RateLimiters } from '@derm/api/redis';
import type { RealtimeSocket } from '../realtime-socket';
import { CommandException } from './command.exception';

/**
 * The command budget of one person, over all of their sockets and (with REDIS_URL) every node:
 * WS_RATE_LIMIT_POINTS commands per WS_RATE_LIMIT_WINDOW_MS, so opening more sockets buys
 * nothing. One instance for every gateway, so one budget whatever the command. A refusal is held
 * before its ack (`Budget`), so a client that sends again on every refusal slows to a few a second.
 */
@Injectable()
export class CommandBudget {
  private readonly budget: Budget;

  constructor(config: AppConfig, limiters: RateLimiters) {
    const { points, windowSeconds } = config.wsRateLimit;
    this.budget = limiters.budget({ name: 'ws-commands', points, durationSeconds: windowSeconds });
  }

  /** Counts one command of the socket's person; throws RATE_LIMITED past the budget. */
  async spend(socket: RealtimeSocket): Promise<void> {
    const { tenantId, userId } = socket.data;
    const spending = await this.budget.spend(`${tenantId}|${userId}`);
    if (!spending.ok)
      throw new CommandException('RATE_LIMITED', `Too many commands; retry in ${spending.retryInMs} ms`);
  }
}
