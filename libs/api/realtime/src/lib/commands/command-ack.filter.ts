import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Ack, CommandError, ERROR_CODES } from '@derm/shared/contracts';
import { CommandException } from './command.exception';

const HTTP_STATUS_CODES: Record<number, CommandError['code']> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'RATE_LIMITED',
};

/**
 * Every failure of a client command ends as an error ack: the client always hears back, the
 * socket stays open and nothing reaches the process. Domain services may throw Nest's HTTP
 * exceptions (shared with REST); their status maps to the contract's codes.
 */
@Catch()
export class CommandAckFilter implements ExceptionFilter {
  private readonly logger = new Logger('Commands');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgs().find((arg): arg is (ack: Ack) => void => typeof arg === 'function');
    ack?.({ ok: false, error: this.toCommandError(exception, host) });
  }

  private toCommandError(exception: unknown, host: ArgumentsHost): CommandError {
    if (exception instanceof CommandException) return exception.commandError;
    if (exception instanceof HttpException) {
      const code = namedCode(exception) ?? HTTP_STATUS_CODES[exception.getStatus()];
      if (code) return { code, message: exception.message };
    }
    const event = host.switchToWs().getPattern();
    const socketId = host.switchToWs().getClient<{ id?: string }>().id;
    this.logger.error({ msg: `Command ${event} failed`, socketId, err: exception });
    return { code: 'INTERNAL', message: 'The server could not complete this command' };
  }
}

/** A contract code the exception's body names (e.g. `IDEMPOTENCY_KEY_REUSED`): REST and ack agree. */
function namedCode(exception: HttpException): CommandError['code'] | undefined {
  const body = exception.getResponse();
  const code = typeof body === 'object' && 'code' in body ? body.code : undefined;
  return ERROR_CODES.find((known) => known === code);
}
