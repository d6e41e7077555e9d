import { WsException } from '@nestjs/websockets';
import { CommandError, ErrorCode } from '@derm/shared/contracts';

/** Thrown by guards, pipes and handlers; the ack filter turns it into `{ ok: false, error }`. */
export class CommandException extends WsException {
  constructor(code: ErrorCode, message: string, fields?: Record<string, string[]>) {
    super({ code, message, ...(fields ? { fields } : {}) } satisfies CommandError);
  }

  get commandError(): CommandError {
    return this.getError() as CommandError;
  }
}
