import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RealtimeSocket } from '../realtime-socket';
import { CommandBudget, type CommandSpending } from './command-budget.service';

const OWN_COMMAND_BUDGET = 'realtime:own-command-budget';

/**
 * A command that must work when the person's command budget is spent (keeping the socket's
 * session alive): it is counted against the budget named instead.
 */
export const OwnCommandBudget = (budget: Exclude<CommandSpending, 'commands'>) =>
  SetMetadata(OWN_COMMAND_BUDGET, budget);

/** Every command spends from its budget (its person's, unless it has its own); past it, a RATE_LIMITED ack and no handler. */
@Injectable()
export class WsRateLimitGuard implements CanActivate {
  constructor(
    private readonly budget: CommandBudget,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const own = this.reflector.get<CommandSpending | undefined>(OWN_COMMAND_BUDGET, context.getHandler());
    await this.budget.spend(context.switchToWs().getClient<RealtimeSocket>(), own ?? 'commands');
    return true;
  }
}
