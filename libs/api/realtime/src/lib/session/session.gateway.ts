import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketServer,
} from '@nestjs/websockets';
import { SessionChecker, StaffAccountChanged, StaffSessionsChanged, TokenRejectedError } from '@derm/api/auth';
import { OnDomainEvent } from '@derm/api/events';
import { Ack, SessionRefreshResult } from '@derm/shared/contracts';
import { audience, rooms } from '../broadcast/rooms';
import { TenantBroadcaster } from '../broadcast/tenant-broadcaster.service';
import { CommandException } from '../commands/command.exception';
import { RealtimeGateway } from '../commands/realtime-gateway.decorator';
import { OwnCommandBudget } from '../commands/ws-rate-limit.guard';
import { thisSocketOnly, type RealtimeServer, type RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from './session-expiry.service';
import { SessionRefreshDto } from './session-refresh.dto';

/**
 * The socket's own session: `session:ready` on connect, expiry, revocation and `session:refresh`;
 * and an account's change, which the whole clinic hears (`staff:changed`).
 */
@RealtimeGateway()
export class SessionGateway implements OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() private readonly server!: RealtimeServer;

  constructor(
    private readonly expiry: SessionExpiry,
    private readonly sessions: SessionChecker,
    private readonly broadcaster: TenantBroadcaster,
  ) {}

  handleConnection(socket: RealtimeSocket): void {
    const { userId, tenantId, role } = socket.data;
    this.expiry.track(socket);
    thisSocketOnly(socket.nsp, socket.id).emit('session:ready', {
      userId,
      tenantId,
      role,
      recovered: socket.recovered,
      serverTime: new Date().toISOString(),
    });
  }

  handleDisconnect(socket: RealtimeSocket): void {
    this.expiry.untrack(socket);
  }

  /** Published on the node that made the change only: the adapter takes it to the others. */
  @OnDomainEvent(StaffAccountChanged)
  accountChanged({ tenantId, actor, occurredAt, account }: StaffAccountChanged): void {
    this.broadcaster.publish(audience.tenant(tenantId), 'staff:changed', { account }, { actor, occurredAt });
  }

  /**
   * Every node hears of a sign-out or an account change and applies it to its own sockets of that
   * person. Those of a session that ended are told `session:expired` (REVOKED) and closed before
   * this returns, with nothing to look up, so the change's announcer knows that none of them hears
   * anything more once the node confirmed it. On another change the others are re-checked and
   * take the account's current role and name, or are ended as revoked.
   */
  @OnDomainEvent(StaffSessionsChanged)
  recheckSockets({ tenantId, userId, sessionId, ended }: StaffSessionsChanged): Promise<void> {
    const ids = this.server.of('/').adapter.rooms.get(rooms.user(tenantId, userId)) ?? new Set<string>();
    const sockets = [...ids]
      .map((id) => this.server.of('/').sockets.get(id))
      .filter((socket): socket is RealtimeSocket => !!socket && (!sessionId || socket.data.sessionId === sessionId));
    if (ended) {
      sockets.forEach((socket) => this.expiry.end(socket, 'REVOKED'));
      return Promise.resolve();
    }
    return this.recheck(sockets);
  }

  private async recheck(sockets: readonly RealtimeSocket[]): Promise<void> {
    await Promise.all(
      sockets.map(async (socket) => {
        try {
          const { role, name } = await this.sessions.recheck(socket.data, socket.data);
          Object.assign(socket.data, { role, name });
        } catch (error) {
          if (!(error instanceof TokenRejectedError)) throw error;
          this.expiry.end(socket, 'REVOKED');
        }
      }),
    );
  }

  /** Counted apart from the person's commands: their other traffic never costs them their session. */
  @SubscribeMessage('session:refresh')
  @OwnCommandBudget('refreshes')
  async refresh(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { token }: SessionRefreshDto,
  ): Promise<Ack<SessionRefreshResult>> {
    let verified;
    try {
      verified = await this.sessions.authenticate(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        throw new CommandException(error.code === 'TENANT_INVALID' ? 'UNAUTHORIZED' : error.code, error.message);
      }
      throw error;
    }
    const { user, session, expiresAt } = verified;
    const { tenantId, userId, sessionId } = socket.data;
    if (user.tenantId !== tenantId || user.userId !== userId || session.sessionId !== sessionId) {
      throw new CommandException('FORBIDDEN', 'The token belongs to another session');
    }
    const connectionExpiresAt = this.expiry.extend(socket, expiresAt);
    return { ok: true, expiresAt: new Date(connectionExpiresAt * 1000).toISOString() };
  }
}
