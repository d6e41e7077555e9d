import type { CommandResult } from '@derm/shared/contracts';
import type { CommandOutcome } from './command-outcome';

/** The wait before a `session:refresh` is sent again when the server named none (its ack was lost). */
export const REFRESH_RETRY_DELAY_MS = 1_000;
/** The last retry is sent this long before the socket's token runs out, to be answered in time. */
export const REFRESH_RETRY_MARGIN_MS = 2_000;

/**
 * After a `session:refresh` was not taken: how long to wait before sending it again, or null when
 * sending it again cannot help. A refusal that lifts by itself (RATE_LIMITED, after the wait the
 * server names) or a lost acknowledgement is retried, but never past the moment the socket's token
 * runs out (`msLeft`): then the server ends the socket, fresh token or not. NOT_CONNECTED is not
 * retried: the next handshake carries the fresh token anyway.
 */
export function refreshRetryDelay(
  outcome: CommandOutcome<CommandResult<'session:refresh'>>,
  msLeft: number,
): number | null {
  // Too late to be answered before the token runs out (or the socket's expiry is not known).
  if (outcome.ok || !(msLeft > REFRESH_RETRY_MARGIN_MS)) return null;
  const { error } = outcome;
  let wait: number;
  if (error.code === 'RATE_LIMITED') wait = error.retryInMs ?? REFRESH_RETRY_DELAY_MS;
  else if (error.code === 'TIMED_OUT') wait = REFRESH_RETRY_DELAY_MS;
  else return null;
  return Math.min(wait, msLeft - REFRESH_RETRY_MARGIN_MS);
}
