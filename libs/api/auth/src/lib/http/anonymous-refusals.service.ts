import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { bearerToken } from '@derm/api/http';
import { leaveOutRequestLog } from '@derm/api/logging';
import { Budget, RateLimiters, Spending } from '@derm/api/redis';
import { TokenRejectedError } from '../access-token.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { SessionChecker } from '../sessions/session-checker.service';
import { RefusalTally, UncountedRefusals } from './refusal-tally';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Express sets `ip` to the client address (`trust proxy`). */
export type AddressedRequest = IncomingMessage & { ip?: string };

/** What an anonymous caller is refused for: `counted` names it in the summing-up line. */
export interface AnonymousRefusalKind {
  counted: string;
  refusal: string;
}
export const UNKNOWN_ROUTE: AnonymousRefusalKind = {
  counted: 'to unknown routes',
  refusal: 'Too many requests for unknown routes from this address; try again later',
};
export const NOT_SIGNED_IN: AnonymousRefusalKind = {
  counted: 'without a valid sign-in',
  refusal: 'Too many requests without a valid sign-in from this address; sign in, or try again later',
};
export const MALFORMED: AnonymousRefusalKind = {
  counted: 'malformed',
  refusal: 'Too many malformed requests from this address; try again later',
};
/** A body refused before it is read, because its address has spent the budget. */
export const UNREAD: AnonymousRefusalKind = {
  counted: 'refused unread',
  refusal: 'Too many refused requests from this address; sign in, or try again later',
};
/** In the summing-up line, in this order. */
const KINDS = [UNKNOWN_ROUTE, NOT_SIGNED_IN, MALFORMED, UNREAD];

function summary(address: string, windowSeconds: number, more: UncountedRefusals): string {
  const counts = KINDS.filter(({ counted }) => more.has(counted)).map(
    ({ counted }) => `${more.get(counted)} ${counted}`,
  );
  const total = [...more.values()].reduce((sum, count) => sum + count, 0);
  return `Refused ${total} more anonymous requests from ${address} in ${windowSeconds} s: ${counts.join(', ')}`;
}

/**
 * The budget of what callers not signed in are refused, per client address:
 * ANONYMOUS_REFUSAL_POINTS per ANONYMOUS_REFUSAL_WINDOW_SECONDS, each refusal a point, whatever its
 * kind; past it, 429 with Retry-After, held up to a second (`Budget`). So a script can neither fill
 * the log nor keep the server busy for free. The first refusal of a window is logged (as any
 * request is, or on its own line when it is refused before the request log), the others are
 * summed up in one line when the window ends (`RefusalTally`). Per address only for callers not
 * signed in: a whole clinic may share one address, and who is signed in spends budgets of their own.
 */
@Injectable()
export class AnonymousRefusals {
  private readonly logger = new Logger('AnonymousRefusals');
  private readonly budget: Budget;
  private readonly refusals: RefusalTally;

  constructor(
    private readonly sessions: SessionChecker,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    const { points, windowSeconds } = config.anonymousRefusalBudget;
    this.budget = limiters.budget({ name: 'anonymous-refusals', points, durationSeconds: windowSeconds });
    this.refusals = new RefusalTally(windowSeconds * 1000, (address, more) =>
      this.logger.warn(summary(address, windowSeconds, more)),
    );
  }

  /**
   * Spends a point of the request's address; past the budget, throws the 429 of its kind.
   * `beforeRequestLog`: refused before the request log takes it up (the body parser's refusals).
   */
  async spend(
    request: AddressedRequest,
    response: ServerResponse,
    kind: AnonymousRefusalKind,
    { beforeRequestLog = false } = {},
  ): Promise<void> {
    const address = request.ip ?? '';
    this.refuseIfSpent(address, await this.budget.spend(address), response, kind, !beforeRequestLog);
  }

  /**
   * Throws the 429 of a request refused unread, without spending, once its address has spent the
   * budget. Such a request never reaches the request log: the first of a window gets a line here.
   */
  async assertUnspent(request: AddressedRequest, response: ServerResponse): Promise<void> {
    const address = request.ip ?? '';
    this.refuseIfSpent(address, await this.budget.peek(address), response, UNREAD, false);
  }

  /**
   * Who the caller is, when the request carries the access token of a live session, as
   * `HttpAuthGuard` asks it: a token signed out, revoked, of a deactivated account or of a
   * suspended clinic is no sign-in, and its caller is anonymous.
   */
  async signedIn(request: IncomingMessage): Promise<AuthenticatedUser | undefined> {
    const token = bearerToken(request.headers.authorization);
    if (!token) return undefined;
    try {
      return (await this.sessions.authenticate(token)).user;
    } catch (error) {
      if (error instanceof TokenRejectedError) return undefined;
      throw error;
    }
  }

  /** Past the budget, the refusal is summed up rather than logged: only the first of a window is. */
  private refuseIfSpent(
    address: string,
    spending: Spending,
    response: ServerResponse,
    kind: AnonymousRefusalKind,
    requestLogged: boolean,
  ): void {
    if (spending.ok) return;
    if (!this.refusals.count(address, kind.counted)) leaveOutRequestLog(response);
    else if (!requestLogged)
      this.logger.warn(
        `Refused an anonymous request from ${address} (${kind.counted}), the first past its budget in this window`,
      );
    throw new TooManyRequestsException(kind.refusal, spending.retryInMs);
  }
}
