import { ArgumentsHost, Catch, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { leaveOutRequestLog } from '@derm/api/logging';
import { Budget, RateLimiters } from '@derm/api/redis';
import { AccessTokenService, TokenRejectedError } from '../access-token.service';
import { RefusalTally } from './refusal-tally';
import { answerTooManyRequests } from './retry-after.filter';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Express sets `ip` to the client address (`trust proxy`). */
type Request = IncomingMessage & { ip?: string };

const REFUSAL = 'Too many requests for unknown routes from this address; try again later';

/**
 * Whether this is Nest's answer to a request that no route matched, rather than a route's own 404
 * (an unknown patient). Express's `req.route` cannot tell: the portal's fallback route matches
 * every GET before passing on those it does not serve.
 */
function isUnrouted(
  exception: NotFoundException,
  { method, originalUrl }: Request & { originalUrl?: string },
): boolean {
  return exception.message === `Cannot ${method} ${originalUrl}`;
}

/**
 * Global filter for requests that no route answers (Nest's `Cannot GET /x`, a 404 without a
 * matched route). From a caller not signed in, each costs its client address a point of
 * UNKNOWN_ROUTE_POINTS per UNKNOWN_ROUTE_WINDOW_SECONDS; past it, 429 with Retry-After, held up to
 * a second (`Budget`). So a script probing paths can neither fill the log nor keep the server
 * busy: the first refusal of a window is logged as any request is, the others are summed up in
 * one line when the window ends (`RefusalTally`). Routes that exist, the portal's pages (its
 * fallback answers every GET it serves) and callers with a valid token are not counted.
 */
@Injectable()
@Catch(NotFoundException)
export class UnknownRouteFilter extends BaseExceptionFilter<NotFoundException> {
  private readonly logger = new Logger('UnknownRoutes');
  private readonly budget: Budget;
  private readonly refusals: RefusalTally;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenService,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    super(adapterHost.httpAdapter);
    const { points, windowSeconds } = config.unknownRouteBudget;
    this.budget = limiters.budget({ name: 'unknown-routes', points, durationSeconds: windowSeconds });
    this.refusals = new RefusalTally(windowSeconds * 1000, (address, more) =>
      this.logger.warn(`Refused ${more} more requests to unknown routes from ${address} in ${windowSeconds} s`),
    );
  }

  override catch(exception: NotFoundException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (!isUnrouted(exception, request) || this.isSignedIn(request)) return super.catch(exception, host);
    // Nest does not wait for a filter: a failure to count answers the plain 404 rather than none.
    this.spendOrRefuse(exception, host, request.ip ?? '').catch((error: unknown) => {
      this.logger.error(error instanceof Error ? error.message : error);
      if (!host.switchToHttp().getResponse<ServerResponse>().headersSent) super.catch(exception, host);
    });
  }

  private async spendOrRefuse(exception: NotFoundException, host: ArgumentsHost, address: string): Promise<void> {
    const spending = await this.budget.spend(address);
    if (spending.ok) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (!this.refusals.count(address)) leaveOutRequestLog(response);
    answerTooManyRequests(
      this.adapterHost.httpAdapter,
      response,
      new TooManyRequestsException(REFUSAL, spending.retryInMs),
    );
  }

  private isSignedIn(request: Request): boolean {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) return false;
    try {
      this.tokens.verify(token);
      return true;
    } catch (error) {
      if (error instanceof TokenRejectedError) return false;
      throw error;
    }
  }
}
