import { WsException } from '@nestjs/websockets';
import { CommandError, ErrorCode } from '@derm/shared/contracts';

/** Thrown by guards, pipes and handlers; the ack filter turns it into `{ ok: false, error }`. */
export class CommandException extends WsException {
  constructor(code: ErrorCode, message: string, fields?: Record<string, string[]>) {
    super({ code, message, ...(fields ? { fields } : {}) } satisfies CommandError);
  }

  /** A refusal past a budget, with the wait a client should keep before it sends again. */
  static rateLimited(message: string, retryInMs: number): CommandException {
    const refusal = new CommandException('RATE_LIMITED', `${message}; retry in ${retryInMs} ms`);
    Object.assign(refusal.commandError, { retryInMs });
    return refusal;
  }

  get commandError(): CommandError {
    return this.getError() as CommandError;
  }
}
