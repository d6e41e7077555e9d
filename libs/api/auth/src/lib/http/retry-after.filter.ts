import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { AbstractHttpAdapter, HttpAdapterHost } from '@nestjs/core';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Every 429 carries `Retry-After`, so well-behaved clients wait instead of hammering. */
@Catch(TooManyRequestsException)
export class RetryAfterFilter implements ExceptionFilter<TooManyRequestsException> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: TooManyRequestsException, host: ArgumentsHost): void {
    answerTooManyRequests(this.adapterHost.httpAdapter, host.switchToHttp().getResponse(), exception);
  }
}

export function answerTooManyRequests(
  httpAdapter: AbstractHttpAdapter,
  response: unknown,
  exception: TooManyRequestsException,
): void {
  httpAdapter.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
  httpAdapter.reply(response, exception.getResponse(), exception.getStatus());
}
