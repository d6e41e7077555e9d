import { Ack, CommandError } from '@derm/shared/contracts';

/** Failures the portal itself reports for a command; the server never sends these codes. */
export type ClientErrorCode = 'NOT_CONNECTED' | 'TIMED_OUT';

export interface ClientCommandError {
  code: ClientErrorCode;
  message: string;
}

/** A command's acknowledgement, or why the portal has none: not sent, or not answered in time. */
export type CommandOutcome<TResult extends object = object> = Ack<TResult> | { ok: false; error: ClientCommandError };

/** True when the server never answered, as opposed to refusing the command. */
export function isClientError(error: CommandError | ClientCommandError): error is ClientCommandError {
  return error.code === 'NOT_CONNECTED' || error.code === 'TIMED_OUT';
}
