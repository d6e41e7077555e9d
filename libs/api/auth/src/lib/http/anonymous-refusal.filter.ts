import { ArgumentsHost, Catch, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { bearerToken } from '@derm/api/http';
import { leaveOutRequestLog } from '@derm/api/logging';
import { Budget, RateLimiters } from '@derm/api/redis';
import { AccessTokenService, TokenRejectedError } from '../access-token.service';
import { NotSignedInException } from './not-signed-in.exception';
import { RefusalTally, UncountedRefusals } from './refusal-tally';
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
 * fallback answers every GET it serves), callers with a valid token and a sign-in's own 401 (a
 * wrong password, which the sign-in throttle counts) are not counted.
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
    const kind = this.kindOf(exception, request);
    if (!kind) return super.catch(exception, host);
    // Nest does not wait for a filter: a failure to count answers the plain 404 or 401 rather than none.
    this.spendOrRefuse(exception, host, request.ip ?? '', kind).catch((error: unknown) => {
      this.logger.error(error instanceof Error ? error.message : error);
      if (!host.switchToHttp().getResponse<ServerResponse>().headersSent) super.catch(exception, host);
    });
  }

  /** What the caller is refused for, when it counts. */
  private kindOf(exception: CountedException, request: Request): Kind | undefined {
    if (exception instanceof NotSignedInException) return NOT_SIGNED_IN;
    return isUnrouted(exception, request) && !this.isSignedIn(request) ? UNKNOWN_ROUTE : undefined;
  }

  private async spendOrRefuse(
    exception: CountedException,
    host: ArgumentsHost,
    address: string,
    kind: Kind,
  ): Promise<void> {
    const spending = await this.budget.spend(address);
    if (spending.ok) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (!this.refusals.count(address, kind.counted)) leaveOutRequestLog(response);
    answerTooManyRequests(
      this.adapterHost.httpAdapter,
      response,
      new TooManyRequestsException(kind.refusal, spending.retryInMs),
    );
  }

  private isSignedIn(request: Request): boolean {
    const token = bearerToken(request.headers.authorization);
    if (!token) return false;
    try {
      this.tokens.verify(token);
      return true;
    } catch (error) {
      if (error instanceof TokenRejectedError) return false;
      throw error;
    }
  }
}
