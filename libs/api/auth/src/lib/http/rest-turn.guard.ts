import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import type { AuthenticatedRequest } from './current-user.decorator';
import { SessionChecker } from '../sessions/session-checker.service';
import { signedIn } from './not-signed-in.exception';
import { isOutsideWriteBudget } from './rest-budget.guard';
import { RestTurns } from './rest-turns.service';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global REST guard right after HttpAuthGuard: a request waits for its turn among the same
 * person's requests (`RestTurns`), so whoever keeps many requests in flight queues behind their
 * own, not ahead of everyone else's. A guard because it is the first hook that knows who is
 * asking; the turn ends when the response is done or its client has gone, whatever answered it.
 * What must work even when the budget is spent (signing out, keeping a session alive) does not
 * wait behind the person's other requests either. A sign-in (the one write without a person)
 * waits for the earlier sign-ins of its client address instead.
 *
 * A turn may come long after HttpAuthGuard checked the session: a sign-out, deactivation or role
 * change of the person applied meanwhile is checked again once the turn comes, so the request is
 * refused (401) or runs with the role the person has now, never as they were before it waited.
 */
@Injectable()
export class RestTurnGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly turns: RestTurns,
    private readonly sessions: SessionChecker,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    if (isOutsideWriteBudget(this.reflector, context)) return true;
    const request = http.getRequest<AuthenticatedRequest & { method: string; ip?: string }>();
    const turn = this.turnOf(request);
    if (!turn) return true;
    const endTurn = await turn;
    // Also called back at once when the client left while the request waited.
    finished(http.getResponse<ServerResponse>(), endTurn);
    await this.asThePersonIsNow(request);
    return true;
  }

  /** Checks the session again only when the person changed on this node since it was authenticated. */
  private async asThePersonIsNow(request: AuthenticatedRequest): Promise<void> {
    const { user, session, changesSeen } = request;
    if (!user || !this.sessions.changedSince(user, changesSeen)) return;
    request.user = await signedIn(() => this.sessions.recheck(user, session));
  }

  /** The person's turn; without a person, a sign-in's turn among its address's, and none for a public read. */
  private turnOf({ user, method, ip }: AuthenticatedRequest & { method: string; ip?: string }) {
    if (user) return this.turns.take(`${user.tenantId}|${user.userId}`);
    return READ_METHODS.has(method) ? undefined : this.turns.takeSignIn(ip ?? '');
  }
}
