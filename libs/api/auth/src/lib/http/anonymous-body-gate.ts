import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { isRefusedBody } from '@derm/api/http';
import { AddressedRequest, AnonymousRefusals, MALFORMED } from './anonymous-refusals.service';
import { answerTooManyRequests } from './retry-after.filter';
import { TooManyRequestsException } from './too-many-requests.exception';

type Request = AddressedRequest & { path?: string };
type Next = (error?: unknown) => void;

/** `AuthController`'s sign-in, under the global prefix. */
const SIGN_IN_PATH = '/api/auth/login';
/**
 * The largest body that may be a sign-in: an email of 320 and a password of 200 characters, each
 * escaped as `\uXXXX` at worst, fit in 3.2 KB. Reading and parsing that much costs microseconds.
 */
const SIGN_IN_BODY_MAX_BYTES = 4 * 1024;

/** Whether the request has a body to read (body-parser's own test). */
function carriesBody({ headers }: Request): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** A sign-in small enough to be one: read even past the budget, so that a clinic's front desk can sign in. */
function maySignIn(request: Request): boolean {
  const length = Number(request.headers['content-length']);
  return (
    request.method === 'POST' &&
    request.path === SIGN_IN_PATH &&
    request.headers['transfer-encoding'] === undefined &&
    length <= SIGN_IN_BODY_MAX_BYTES
  );
}

/**
 * The anonymous budget (`AnonymousRefusals`) at the JSON body parser, which runs before any route,
 * guard or filter, for every request with a body. `beforeReading`, mounted before the parser:
 * once a caller not signed in has spent its address's budget, a body is refused (429) before it
 * is read or parsed, whatever its path; Node then drains what is left of it without parsing it
 * and keeps the connection, so the client reads the answer. A small sign-in still passes, and so
 * does every request with the token of a live session: a clinic shares one address (a token
 * signed out, revoked or of a deactivated account is none: `AnonymousRefusals.signedIn`).
 * `countRefused`, mounted after the parser: its refusals of a body (not JSON, too large) of a
 * caller not signed in cost a point, as the pipes' 400s do (`AnonymousRefusalFilter`).
 */
@Injectable()
export class AnonymousBodyGate {
  private readonly logger = new Logger('AnonymousRefusals');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly refusals: AnonymousRefusals,
  ) {}

  readonly beforeReading = (request: Request, response: ServerResponse, next: Next): void => {
    if (!carriesBody(request) || maySignIn(request)) return next();
    // Should the session or the budget be out of reach, the body is read as it would be without it.
    this.unlessSignedIn(request, () => this.refusals.assertUnspent(request, response)).then(
      () => next(),
      (error: unknown) => this.refuse(error, response, () => next()),
    );
  };

  readonly countRefused = (error: unknown, request: Request, response: ServerResponse, next: Next): void => {
    if (!isRefusedBody(error)) return next(error);
    this.unlessSignedIn(request, () =>
      this.refusals.spend(request, response, MALFORMED, { beforeRequestLog: true }),
    ).then(
      () => next(error),
      (failure: unknown) => this.refuse(failure, response, () => next(error)),
    );
  };

  /** `count`, for a caller without a live session. */
  private async unlessSignedIn(request: Request, count: () => Promise<void>): Promise<void> {
    if (!(await this.refusals.signedIn(request))) await count();
  }

  /** Answers a 429; after any other failure to count (logged), the request goes on as if uncounted. */
  private refuse(error: unknown, response: ServerResponse, goOn: () => void): void {
    if (error instanceof TooManyRequestsException)
      return answerTooManyRequests(this.adapterHost.httpAdapter, response, error);
    this.logger.error(error instanceof Error ? error.message : error);
    goOn();
  }
}
