import { Injectable, Logger } from '@nestjs/common';
import type { ExtendedError } from 'socket.io';
import { AccessTokenService, TenantDirectory, TokenRejectedError } from '@derm/api/auth';
import { HandshakeErrorData, HandshakeRefusal } from '@derm/shared/contracts';
import { rooms } from '../broadcast/rooms';
import type { RealtimeSocket } from '../realtime-socket';

function refusal(code: HandshakeRefusal, message: string): ExtendedError {
  const error: ExtendedError = new Error(code);
  error.data = { code, message } satisfies HandshakeErrorData;
  return error;
}

/** The token comes in `auth.token` (browsers) or an `Authorization: Bearer` header (servers). */
function tokenOf(socket: RealtimeSocket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  const [scheme, token] = (socket.handshake.headers.authorization ?? '').split(' ');
  return scheme === 'Bearer' && token ? token : undefined;
}

/**
 * Socket.IO middleware: guards do not run on connection, so the handshake is verified here, once.
 * A connection without a valid token of an active clinic never reaches a gateway. It also runs
 * for recovered connections (skipMiddlewares: false), which therefore present a valid token too.
 */
@Injectable()
export class HandshakeAuthenticator {
  private readonly logger = new Logger('Handshake');

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly tenants: TenantDirectory,
  ) {}

  readonly middleware = (socket: RealtimeSocket, next: (error?: ExtendedError) => void): void => {
    this.authenticate(socket).then(next, (error: unknown) => {
      this.logger.error('Handshake failed unexpectedly', error instanceof Error ? error.stack : error);
      next(refusal('UNAUTHORIZED', 'The connection could not be authenticated'));
    });
  };

  private async authenticate(socket: RealtimeSocket): Promise<ExtendedError | undefined> {
    if (socket.handshake.query['token'] !== undefined) {
      return refusal('UNAUTHORIZED', 'Tokens in the query string are refused; use auth.token');
    }
    const token = tokenOf(socket);
    if (!token) return refusal('UNAUTHORIZED', 'An access token is required');
    let verified;
    try {
      verified = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) return refusal(error.code, error.message);
      throw error;
    }
    const { user, expiresAt } = verified;
    if (!(await this.tenants.isActive(user.tenantId))) {
      return refusal('TENANT_INVALID', 'The clinic is unknown or suspended');
    }
    socket.data = { ...user, tokenExpiresAt: expiresAt };
    await socket.join([rooms.tenant(user.tenantId), rooms.user(user.tenantId, user.userId)]);
    return undefined;
  }
}
