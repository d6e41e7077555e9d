import { HANDSHAKE_REFUSALS, HandshakeErrorData, HandshakeRefusal, SessionExpired } from '@derm/shared/contracts';
import type { ConnectionStatus } from '@derm/portal/util';
import type { LogoutReason } from '../session/auth-session.service';

/** What a refused handshake means for the tab. */
export type RefusalOutcome =
  | { signOut: LogoutReason }
  /** `retryLater`: the refusal can lift by itself, so the connection tries again, slowly. */
  | { refused: NonNullable<ConnectionStatus['refused']>; retryLater: boolean }
  | { signInAgain: true };

// A Record, so that a refusal added to the contract does not compile until it is handled here.
const OUTCOMES: Record<HandshakeRefusal, RefusalOutcome> = {
  TOKEN_EXPIRED: { signOut: 'expired' },
  REVOKED: { signOut: 'revoked' },
  // Lifts once another tab or device closes: the connection retries slowly (REFUSED_RETRY).
  TOO_MANY_CONNECTIONS: { refused: 'too-many-connections', retryLater: true },
  // Lifts when the budget's window has room again: at the wait the server names.
  RATE_LIMITED: { refused: 'too-many-attempts', retryLater: true },
  // This page's handshake is not what the server accepts (a page older than the server): the same
  // handshake again cannot help, a reload can.
  VALIDATION_FAILED: { refused: 'invalid-handshake', retryLater: false },
  UNAUTHORIZED: { signInAgain: true },
  TENANT_INVALID: { signInAgain: true },
};
const REFUSALS: ReadonlySet<string> = new Set(HANDSHAKE_REFUSALS);

/** The outcome of a `connect_error`; null when it is no refusal (the network, the server): retry. */
export function refusalOutcome(message: string): RefusalOutcome | null {
  return REFUSALS.has(message) ? OUTCOMES[message as HandshakeRefusal] : null;
}

/** How long the server asked the tab to wait before its next handshake (RATE_LIMITED); 0 if it did not. */
export function requestedWaitMs(error: Error & { data?: Partial<HandshakeErrorData> }): number {
  const wait = error.data?.retryInMs;
  return typeof wait === 'number' && wait > 0 ? wait : 0;
}

/** Why the session ended, from `session:expired`. */
export function expiryReason({ reason }: Pick<SessionExpired, 'reason'>): LogoutReason {
  return reason === 'REVOKED' ? 'revoked' : 'expired';
}
