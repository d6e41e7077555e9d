import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { Budget, RateLimiters } from '@derm/api/redis';
import { answerTooManyRequests } from './retry-after.filter';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Express sets `ip` to the client address (`trust proxy`). */
type Request = IncomingMessage & { ip?: string };

/**
 * The public API documents' budget: PUBLIC_DOCUMENT_POINTS requests per
 * PUBLIC_DOCUMENT_WINDOW_SECONDS per client address, signed in or not; past it, 429 with
 * Retry-After, held (`Budget`). They are tens of kilobytes each and served to anyone, outside every
 * guard (the OpenAPI ones are not even Nest routes), so this Express middleware, mounted on their
 * paths before them, is what keeps one address from taking the server with them.
 */
@Injectable()
export class PublicDocumentBudget {
  private readonly budget: Budget;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    config: AppConfig,
    limiters: RateLimiters,
  ) {
    const { points, windowSeconds } = config.publicDocumentBudget;
    this.budget = limiters.budget({ name: 'public-documents', points, durationSeconds: windowSeconds });
  }

  readonly middleware = (request: Request, response: ServerResponse, next: (error?: unknown) => void): void => {
    this.budget.spend(request.ip ?? '').then((spending) => {
      if (spending.ok) return next();
      answerTooManyRequests(
        this.adapterHost.httpAdapter,
        response,
        new TooManyRequestsException(
          'Too many requests for the API documents from this address; try again later',
          spending.retryInMs,
        ),
      );
    }, next);
  };
}
