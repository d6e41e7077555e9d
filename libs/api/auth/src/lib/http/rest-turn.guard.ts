import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import type { AuthenticatedRequest } from './current-user.decorator';
import { isOutsideWriteBudget } from './rest-budget.guard';
import { RestTurns } from './rest-turns.service';

/**
 * Global REST guard right after HttpAuthGuard: a request waits for its turn among the same
 * person's requests (`RestTurns`), so whoever keeps many requests in flight queues behind their
 * own, not ahead of everyone else's. A guard because it is the first hook that knows who is
 * asking; the turn ends when the response is done or its client has gone, whatever answered it.
 * What must work even when the budget is spent (signing out, keeping a session alive) does not
 * wait behind the person's other requests either.
 */
@Injectable()
export class RestTurnGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly turns: RestTurns,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const { user } = http.getRequest<AuthenticatedRequest>();
    if (!user || isOutsideWriteBudget(this.reflector, context)) return true;
    const endTurn = await this.turns.take(`${user.tenantId}|${user.userId}`);
    // Also called back at once when the client left while the request waited.
    finished(http.getResponse<ServerResponse>(), endTurn);
    return true;
  }
}
