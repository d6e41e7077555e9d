import { ArgumentsHost, Catch, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { bearerToken } from '@derm/api/http';
import { leaveOutRequestLog } from '@derm/api/logging';
import { Budget, RateLimiters } from '@derm/api/redis';
import { AccessTokenService, TokenRejectedError } from '../access-token.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { NotSignedInException } from './not-signed-in.exception';
import { RefusalTally, UncountedRefusals } from './refusal-tally';
import { RestBudgets } from './rest-budgets.service';
import { answerTooManyRequests } from './retry-after.filter';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Express sets `ip` to the client address (`trust proxy`). */
type Request = IncomingMessage & { ip?: string; originalUrl?: string };
type CountedException = NotFoundException | NotSignedInException;

/** What an anonymous caller is refused for: `counted` names it in the summing-up line. */
interface Kind {
  counted: string;
  refusal: string;
}
const UNKNOWN_ROUTE: Kind = {
  counted: 'to unknown routes',
  refusal: 'Too many requests for unknown routes from this address; try again later',
};
const NOT_SIGNED_IN: Kind = {
  counted: 'without a valid sign-in',
  refusal: 'Too many requests without a valid sign-in from this address; sign in, or try again later',
};
/** In the summing-up line, in this order. */
const KINDS = [UNKNOWN_ROUTE, NOT_SIGNED_IN];

/**
 * Whether this is Nest's answer to a request that no route matched, rather than a route's own 404
 * (an unknown patient). Express's `req.route` cannot tell: the portal's fallback route matches
 * every GET before passing on those it does not serve.
 */
function isUnrouted(exception: NotFoundException, { method, originalUrl }: Request): boolean {
  return exception.message === `Cannot ${method} ${originalUrl}`;
}

function summary(address: string, windowSeconds: number, more: UncountedRefusals): string {
  const counts = KINDS.filter(({ counted }) => more.has(counted)).map(
    ({ counted }) => `${more.get(counted)} ${counted}`,
  );
  const total = [...more.values()].reduce((sum, count) => sum + count, 0);
  return `Refused ${total} more anonymous requests from ${address} in ${windowSeconds} s: ${counts.join(', ')}`;
}

/**
 * Global filter for what a caller not signed in is refused: a request that no route answers
 * (Nest's `Cannot GET /x`, a 404 without a matched route) and a 401 of `HttpAuthGuard` (no token,
 * or one forged, expired or revoked). Each costs the client address a point of one budget,
 * ANONYMOUS_REFUSAL_POINTS per ANONYMOUS_REFUSAL_WINDOW_SECONDS; past it, 429 with Retry-After,
 * held up to a second (`Budget`). So a script can neither fill the log nor keep the server busy
 * for free: the first refusal of a window is logged as any request is, the others are summed up
 * in one line when the window ends (`RefusalTally`). Routes that exist, the portal's pages (its
 * fallback answers every GET it serves) and a sign-in's own 401 (a wrong password, which the
 * sign-in throttle counts) are not counted. A caller with a valid token is not anonymous: their
 * requests no route answers cost their own read budget (`RestBudgets`), since no guard runs for them.
 */
@Injectable()
@Catch(NotFoundException, NotSignedInException)
export class AnonymousRefusalFilter extends BaseExceptionFilter<CountedException> {
  private readonly logger = new Logger('AnonymousRefusals');
  private readonly budget: Budget;
  private readonly refusals: RefusalTally;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenService,
    private readonly budgets: RestBudgets,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    super(adapterHost.httpAdapter);
    const { points, windowSeconds } = config.anonymousRefusalBudget;
    this.budget = limiters.budget({ name: 'anonymous-refusals', points, durationSeconds: windowSeconds });
    this.refusals = new RefusalTally(windowSeconds * 1000, (address, more) =>
      this.logger.warn(summary(address, windowSeconds, more)),
    );
  }

  override catch(exception: CountedException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (exception instanceof NotSignedInException)
      return this.answer(exception, host, this.spendOrRefuse(host, NOT_SIGNED_IN));
    if (!isUnrouted(exception, request)) return super.catch(exception, host);
    const person = this.signedIn(request);
    // A signed-in person's unknown routes cost their reads, as their routes do (guards never run for them).
    this.answer(
      exception,
      host,
      person ? this.budgets.spend('reads', person) : this.spendOrRefuse(host, UNKNOWN_ROUTE),
    );
  }

  /** The 404 or 401 once the request is counted, or the 429 past its budget. */
  private answer(exception: CountedException, host: ArgumentsHost, counting: Promise<void>): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    // Nest does not wait for a filter: a failure to count answers the plain 404 or 401 rather than none.
    counting.then(
      () => super.catch(exception, host),
      (error: unknown) => {
        if (error instanceof TooManyRequestsException)
          return answerTooManyRequests(this.adapterHost.httpAdapter, response, error);
        this.logger.error(error instanceof Error ? error.message : error);
        if (!response.headersSent) super.catch(exception, host);
      },
    );
  }

  /** Spends a point of the address's budget; past it, the refusal is summed up rather than logged. */
  private async spendOrRefuse(host: ArgumentsHost, kind: Kind): Promise<void> {
    const address = host.switchToHttp().getRequest<Request>().ip ?? '';
    const spending = await this.budget.spend(address);
    if (spending.ok) return;
    if (!this.refusals.count(address, kind.counted))
      leaveOutRequestLog(host.switchToHttp().getResponse<ServerResponse>());
    throw new TooManyRequestsException(kind.refusal, spending.retryInMs);
  }

  /** Who the caller is, when the request carries a valid access token. */
  private signedIn(request: Request): AuthenticatedUser | undefined {
    const token = bearerToken(request.headers.authorization);
    if (!token) return undefined;
    try {
      return this.tokens.verify(token).user;
    } catch (error) {
      if (error instanceof TokenRejectedError) return undefined;
      throw error;
    }
  }
}
