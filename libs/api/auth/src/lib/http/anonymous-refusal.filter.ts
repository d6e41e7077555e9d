import { ArgumentsHost, BadRequestException, Catch, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import {
  AddressedRequest,
  AnonymousRefusalKind,
  AnonymousRefusals,
  MALFORMED,
  NOT_SIGNED_IN,
  UNKNOWN_ROUTE,
} from './anonymous-refusals.service';
import { NotSignedInException } from './not-signed-in.exception';
import { RestBudgets } from './rest-budgets.service';
import { answerTooManyRequests } from './retry-after.filter';
import { TooManyRequestsException } from './too-many-requests.exception';

type Request = AddressedRequest & { originalUrl?: string };
type CountedException = NotFoundException | NotSignedInException | BadRequestException;

/**
 * Whether this is Nest's answer to a request that no route matched, rather than a route's own 404
 * (an unknown patient). Express's `req.route` cannot tell: the portal's fallback route matches
 * every GET before passing on those it does not serve.
 */
function isUnrouted(exception: NotFoundException, { method, originalUrl }: Request): boolean {
  return exception.message === `Cannot ${method} ${originalUrl}`;
}

/**
 * Global filter for what a caller not signed in is refused by Nest: a request that no route
 * answers (Nest's `Cannot GET /x`, a 404 without a matched route), a 401 of `HttpAuthGuard` (no
 * token, or one forged, expired or revoked) and a 400 (a body or query the pipes refuse: only
 * public routes read them before a sign-in). Each costs the client address a point of its
 * budget (`AnonymousRefusals`). Routes that exist, the portal's pages (its fallback answers every
 * GET it serves) and a sign-in's own 401 (a wrong password, which the sign-in throttle counts) are
 * not counted. A caller with the token of a live session is not anonymous: their requests no
 * route answers cost their own read budget (`RestBudgets`), since no guard runs for them, and
 * their 400s stay 400s (their guards have spent their budgets already). A token signed out,
 * revoked or of a deactivated account is anonymous, and gets the 404 of a forged one.
 */
@Injectable()
@Catch(NotFoundException, NotSignedInException, BadRequestException)
export class AnonymousRefusalFilter extends BaseExceptionFilter<CountedException> {
  private readonly logger = new Logger('AnonymousRefusals');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly refusals: AnonymousRefusals,
    private readonly budgets: RestBudgets,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(exception: CountedException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (exception instanceof NotSignedInException) return this.answer(exception, host, this.spend(host, NOT_SIGNED_IN));
    if (exception instanceof NotFoundException && !isUnrouted(exception, request)) return super.catch(exception, host);
    const kind = exception instanceof BadRequestException ? MALFORMED : UNKNOWN_ROUTE;
    this.answer(exception, host, this.countUnlessSignedIn(host, kind));
  }

  /**
   * A signed-in person's unknown routes cost their reads, as their routes do (guards never run for
   * them), and their 400s nothing more. Anyone else's cost the address's budget, the caller of a
   * signed-out, revoked or deactivated session's token too: never the budget of its person.
   */
  private async countUnlessSignedIn(host: ArgumentsHost, kind: AnonymousRefusalKind): Promise<void> {
    const person = await this.refusals.signedIn(host.switchToHttp().getRequest<Request>());
    if (!person) return this.spend(host, kind);
    if (kind === UNKNOWN_ROUTE) await this.budgets.spend('reads', person);
  }

  /** The 404, 401 or 400 once the request is counted, or the 429 past its budget. */
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

  private spend(host: ArgumentsHost, kind: AnonymousRefusalKind): Promise<void> {
    const http = host.switchToHttp();
    return this.refusals.spend(http.getRequest<Request>(), http.getResponse<ServerResponse>(), kind);
  }
}
