import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { RealtimeSocket } from '../realtime-socket';
import { CommandBudget } from './command-budget.service';

/** Every command spends from its person's budget; past it, a RATE_LIMITED ack and no handler. */
@Injectable()
export class WsRateLimitGuard implements CanActivate {
  constructor(private readonly budget: CommandBudget) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.budget.spend(context.switchToWs().getClient<RealtimeSocket>());
    return true;
  }
}
