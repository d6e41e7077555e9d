import { Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { ExtendedError } from 'socket.io';
import { SessionChecker, StaffSessionsChanged, TokenRejectedError } from '@derm/api/auth';
import { DomainEvents } from '@derm/api/events';
import { bearerToken } from '@derm/api/http';
import { HandshakeErrorData, HandshakeRefusal, PRESENCE_DELIVERIES, SocketSessionData } from '@derm/shared/contracts';
import { rooms } from '../broadcast/rooms';
import type { RealtimeSocket } from '../realtime-socket';

/** What a client presents when it connects: Socket.IO's `auth` object and the HTTP headers. */
export interface HandshakeCredentials {
  auth: Record<string, unknown> | undefined;
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
}

/** `changesSeen`: see `SessionChecker.changedSince`. */
export type HandshakeOutcome =
  { ok: true; session: SocketSessionData; changesSeen: number } | { ok: false; refusal: ExtendedError };

export function refusal(code: HandshakeRefusal, message: string, retryInMs?: number): ExtendedError {
  const error: ExtendedError = new Error(code);
  error.data = { code, message, ...(retryInMs === undefined ? {} : { retryInMs }) } satisfies HandshakeErrorData;
  return error;
}

/** The token comes in `auth.token` (browsers) or an `Authorization: Bearer` header (servers). */
function tokenOf({ auth, headers }: HandshakeCredentials): string | undefined {
  const fromAuth = auth?.['token'];
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  return bearerToken(headers.authorization);
}

/**
 * Socket.IO middleware: guards do not run on connection, so the handshake is verified here, once.
 * A connection without a live session of an active account and clinic never reaches a gateway.
 * Recovery asks the same question earlier, before restoring anything (identity-bound-recovery),
 * and the middleware then takes that verdict rather than checking the token a second time.
 *
 * A sign-out or account change may commit while a verdict is being read, and re-checks only the
 * person's connected sockets (`StaffSessionsChanged`), which a socket still in its handshake is
 * not. So once connected, a socket whose person changed on this node since its verdict began
 * is re-checked as that change would have (`connected`); the others cost nothing more.
 */
@Injectable()
export class HandshakeAuthenticator {
  private readonly logger = new Logger('Handshake');
  /** Verdicts reached before the middleware ran, by the handshake's `auth` object (one per CONNECT packet). */
  private readonly earlyVerdicts = new WeakMap<object, Promise<HandshakeOutcome>>();
  /** Admitted sockets not connected yet, with the `changesSeen` of their verdict. */
  private readonly changesSeen = new WeakMap<RealtimeSocket, number>();

  constructor(
    private readonly sessions: SessionChecker,
    private readonly events: DomainEvents,
  ) {}

  readonly middleware = (socket: RealtimeSocket, next: (error?: ExtendedError) => void): void => {
    this.admit(socket).then(next, (error: unknown) => {
      this.logger.error({ msg: 'Handshake failed unexpectedly', socketId: socket.id, err: error });
      next(refusal('UNAUTHORIZED', 'The connection could not be authenticated'));
    });
  };

  /** Who the credentials belong to, or why they are refused. */
  private async authenticate(credentials: HandshakeCredentials): Promise<HandshakeOutcome> {
    if (credentials.query['token'] !== undefined) {
      return { ok: false, refusal: refusal('UNAUTHORIZED', 'Tokens in the query string are refused; use auth.token') };
    }
    const presence = credentials.auth?.['presence'];
    if (presence !== undefined && !(PRESENCE_DELIVERIES as readonly unknown[]).includes(presence)) {
      return {
        ok: false,
        refusal: refusal('VALIDATION_FAILED', `auth.presence must be one of: ${PRESENCE_DELIVERIES.join(', ')}`),
      };
    }
    const given = credentials.auth?.['token'];
    if (given !== undefined && typeof given !== 'string') {
      return { ok: false, refusal: refusal('VALIDATION_FAILED', 'auth.token must be a string: the access token') };
    }
    const token = tokenOf(credentials);
    if (!token) return { ok: false, refusal: refusal('UNAUTHORIZED', 'An access token is required') };
    try {
      const { user, session, expiresAt, changesSeen } = await this.sessions.authenticate(token);
      return { ok: true, session: { ...user, ...session, tokenExpiresAt: expiresAt }, changesSeen };
    } catch (error) {
      if (error instanceof TokenRejectedError) return { ok: false, refusal: refusal(error.code, error.message) };
      throw error;
    }
  }

  /** Whether the person changed on this node since that verdict began: it may predate the change. */
  predatesChange(outcome: Extract<HandshakeOutcome, { ok: true }>): boolean {
    return this.sessions.changedSince(outcome.session, outcome.changesSeen);
  }

  /**
   * Socket.IO `connection` listener: the socket is now among those a change re-checks. Had one
   * been applied since its verdict began, it is applied to the person's sockets here again: one
   * that ended its session closes it now, before any broadcast can reach it; another is re-checked.
   */
  readonly connected = (socket: RealtimeSocket): void => {
    const changesSeen = this.changesSeen.get(socket);
    this.changesSeen.delete(socket);
    if (changesSeen === undefined || !this.sessions.changedSince(socket.data, changesSeen)) return;
    const { tenantId, userId, sessionId } = socket.data;
    const ended = this.sessions.endedSince(socket.data, sessionId, changesSeen);
    this.events.publish(new StaffSessionsChanged(tenantId, userId, ended ? { sessionId, ended } : {}));
  };

  /** The verdict on a handshake before its middleware runs; the middleware reuses it. */
  verdictBeforeMiddleware(handshake: HandshakeCredentials & { auth: object }): Promise<HandshakeOutcome> {
    const verdict = this.authenticate(handshake);
    this.earlyVerdicts.set(handshake.auth, verdict);
    return verdict;
  }

  private verdictOf(handshake: HandshakeCredentials & { auth: object }): Promise<HandshakeOutcome> {
    const early = this.earlyVerdicts.get(handshake.auth);
    if (!early) return this.authenticate(handshake);
    this.earlyVerdicts.delete(handshake.auth);
    return early;
  }

  private async admit(socket: RealtimeSocket): Promise<ExtendedError | undefined> {
    const outcome = await this.verdictOf(socket.handshake);
    if (!outcome.ok) return outcome.refusal;
    const { tenantId, userId } = outcome.session;
    socket.data = outcome.session;
    this.changesSeen.set(socket, outcome.changesSeen);
    await socket.join([rooms.tenant(tenantId), rooms.user(tenantId, userId)]);
    return undefined;
  }
}
