import { Injectable } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { Budget, RateLimiters } from '@derm/api/redis';
import type { RealtimeSocket } from '../realtime-socket';
import { CommandException } from './command.exception';

/** What a command is counted against: the person's commands, or a socket's token refreshes. */
export type CommandSpending = 'commands' | 'refreshes';

const REFUSALS: Record<CommandSpending, string> = {
  commands: 'Too many commands',
  refreshes: 'Too many session refreshes on this connection',
};

/**
 * The budgets commands spend from, counted over every node with REDIS_URL. Commands: one budget
 * per person over all of their sockets, WS_RATE_LIMIT_POINTS per WS_RATE_LIMIT_WINDOW_MS, so
 * opening more sockets buys nothing. Token refreshes (`session:refresh`): WS_REFRESH_POINTS per
 * WS_REFRESH_WINDOW_SECONDS per socket, apart from the commands, so neither the person's other
 * traffic nor another of their tabs can spend what keeps this one signed in. One instance for
 * every gateway. A refusal is held before its ack (`Budget`), so a client that sends again on
 * every refusal slows to a few a second.
 */
@Injectable()
export class CommandBudget {
  private readonly budgets: Record<CommandSpending, Budget>;

  constructor(config: AppConfig, limiters: RateLimiters) {
    const budget = (name: string, { points, windowSeconds }: { points: number; windowSeconds: number }) =>
      limiters.budget({ name, points, durationSeconds: windowSeconds });
    this.budgets = {
      commands: budget('ws-commands', config.wsRateLimit),
      refreshes: budget('ws-refreshes', config.wsRefreshBudget),
    };
  }

  /** Counts one command of the socket; throws RATE_LIMITED, with the wait, past its budget. */
  async spend(socket: RealtimeSocket, spending: CommandSpending = 'commands'): Promise<void> {
    const spent = await this.budgets[spending].spend(keyOf(socket, spending));
    if (!spent.ok) throw CommandException.rateLimited(REFUSALS[spending], spent.retryInMs);
  }
}

function keyOf({ id, data: { tenantId, userId } }: RealtimeSocket, spending: CommandSpending): string {
  return spending === 'commands' ? `${tenantId}|${userId}` : `${tenantId}|${userId}|${id}`;
}
