export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'TOKEN_EXPIRED',
  'REVOKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  /** An idempotency key sent again with a different request: the first one keeps it. */
  'IDEMPOTENCY_KEY_REUSED',
  /** A socket already views `MAX_CHARTS_VIEWED_PER_SOCKET` charts: it stops one before it starts another. */
  'TOO_MANY_VIEWS',
  /**
   * A `patient:view-start` that could not be recorded (its audit row, or the shared presence store,
   * failed a moment): nobody was told of it. Opening the chart again a moment later starts a view.
   */
  'VIEW_NOT_RECORDED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Reasons a Socket.IO handshake is refused, sent as `connect_error.message`. */
export const HANDSHAKE_REFUSALS = [
  'UNAUTHORIZED',
  'TOKEN_EXPIRED',
  /** The session was signed out, or its account deactivated. */
  'REVOKED',
  'TENANT_INVALID',
  /** The user already has `WS_MAX_CONNECTIONS_PER_USER` connections open. */
  'TOO_MANY_CONNECTIONS',
  /** The user opened `WS_HANDSHAKE_POINTS` connections within the window; `retryInMs` says when the next is accepted. */
  'RATE_LIMITED',
  /** The handshake's `auth` asks for something the server does not offer (an unknown `presence`). */
  'VALIDATION_FAILED',
] as const;
export type HandshakeRefusal = (typeof HANDSHAKE_REFUSALS)[number];

export interface CommandError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION_FAILED. */
  fields?: Record<string, string[]>;
  /** For RATE_LIMITED past a budget: how long until it has room again, in milliseconds. */
  retryInMs?: number;
}

export interface HandshakeErrorData {
  code: HandshakeRefusal;
  message: string;
  /** For RATE_LIMITED: how long until a handshake of this person is accepted again, in milliseconds. */
  retryInMs?: number;
}

/** What every client → server command is acknowledged with. */
export type Ack<TResult extends object = object> = ({ ok: true } & TResult) | { ok: false; error: CommandError };

export type AckCallback<TResult extends object = object> = (ack: Ack<TResult>) => void;
