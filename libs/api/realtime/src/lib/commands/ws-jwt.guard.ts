import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { TenantDirectory } from '@derm/api/auth';
import type { RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from '../session/session-expiry.service';
import { CommandException } from './command.exception';

/**
 * Re-checks, on every client command, what the handshake established: the token has not expired
 * since, and the clinic is still active. An expired session is answered and then closed.
 */
@Injectable()
export class WsJwtGuard implements CanActivate {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly expiry: SessionExpiry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const socket = context.switchToWs().getClient<RealtimeSocket>();
    const session = socket.data;
    if (!session?.userId) throw new CommandException('UNAUTHORIZED', 'The connection is not authenticated');
    if (this.expiry.hasExpired(socket)) {
      this.expiry.expireAfterReply(socket);
      throw new CommandException('TOKEN_EXPIRED', 'The session has expired; sign in again');
    }
    if (!(await this.tenants.isActive(session.tenantId))) {
      throw new CommandException('UNAUTHORIZED', 'The clinic is not active');
    }
    return true;
  }
}
