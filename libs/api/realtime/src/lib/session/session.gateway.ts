import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, SubscribeMessage } from '@nestjs/websockets';
import { AccessTokenService, TokenRejectedError } from '@derm/api/auth';
import { Ack, isClientCommandName, SessionRefreshResult } from '@derm/shared/contracts';
import { CommandException } from '../commands/command.exception';
import { RealtimeGateway } from '../commands/realtime-gateway.decorator';
import type { RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from './session-expiry.service';
import { SessionRefreshDto } from './session-refresh.dto';

/** The socket's own session: `session:ready` on connect, expiry, and `session:refresh`. */
@RealtimeGateway()
export class SessionGateway implements OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly expiry: SessionExpiry,
    private readonly tokens: AccessTokenService,
  ) {}

  handleConnection(socket: RealtimeSocket): void {
    const { userId, tenantId, role } = socket.data;
    this.expiry.track(socket);
    socket.onAny((event: string, ...args: unknown[]) => answerUnknownCommand(event, args));
    socket.emit('session:ready', {
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

  @SubscribeMessage('session:refresh')
  refresh(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { token }: SessionRefreshDto,
  ): Ack<SessionRefreshResult> {
    let verified;
    try {
      verified = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) throw new CommandException(error.code, error.message);
      throw error;
    }
    const { user, expiresAt } = verified;
    if (user.userId !== socket.data.userId || user.tenantId !== socket.data.tenantId) {
      throw new CommandException('FORBIDDEN', 'The token belongs to someone else');
    }
    this.expiry.extend(socket, expiresAt);
    return { ok: true, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}

/** Gateways answer the commands they know; anything else still gets an answer, not silence. */
function answerUnknownCommand(event: string, args: unknown[]): void {
  const ack = args.at(-1);
  if (isClientCommandName(event) || typeof ack !== 'function') return;
  ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Unknown command "${event}"` } } satisfies Ack);
}
