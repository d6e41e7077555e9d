import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Every 429 carries `Retry-After`, so well-behaved clients wait instead of hammering. */
@Catch(TooManyRequestsException)
export class RetryAfterFilter implements ExceptionFilter<TooManyRequestsException> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: TooManyRequestsException, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    httpAdapter.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
    httpAdapter.reply(response, exception.getResponse(), exception.getStatus());
  }
}
