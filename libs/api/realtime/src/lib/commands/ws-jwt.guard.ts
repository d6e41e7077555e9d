import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { SessionChecker, TokenRejectedError } from '@derm/api/auth';
import type { RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from '../session/session-expiry.service';
import { CommandException } from './command.exception';

/**
 * Re-checks, on every client command, what the handshake established: the token has not expired
 * since, and the session, account and clinic are still live. The role and name come from the
 * account as it is now. An ended session is answered and then closed.
 */
@Injectable()
export class WsJwtGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionChecker,
    private readonly expiry: SessionExpiry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const socket = context.switchToWs().getClient<RealtimeSocket>();
    const session = socket.data;
    if (!session?.userId) throw new CommandException('UNAUTHORIZED', 'The connection is not authenticated');
    if (this.expiry.hasExpired(socket)) {
      this.expiry.endAfterReply(socket, 'TOKEN_EXPIRED');
      throw new CommandException('TOKEN_EXPIRED', 'The session has expired; sign in again');
    }
    try {
      const { role, name } = await this.sessions.recheck(session, session);
      Object.assign(session, { role, name });
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      if (error.code === 'REVOKED') {
        this.expiry.endAfterReply(socket, 'REVOKED');
        throw new CommandException('REVOKED', error.message);
      }
      throw new CommandException('UNAUTHORIZED', error.message);
    }
    return true;
  }
}
