import { Global, Module } from '@nestjs/common';
import { MetricsModule } from '@derm/api/metrics';
import { TenantBroadcaster } from './broadcast/tenant-broadcaster.service';
import { CommandAckFilter } from './commands/command-ack.filter';
import { WsJwtGuard } from './commands/ws-jwt.guard';
import { CommandBudget } from './commands/command-budget.service';
import { WsRateLimitGuard } from './commands/ws-rate-limit.guard';
import { RecoveredRooms } from './handshake/recovered-rooms.service';
import { ConnectionCap } from './handshake/connection-cap.service';
import { HandshakeBudget } from './handshake/handshake-budget.service';
import { HandshakeAuthenticator } from './handshake/handshake-authenticator.service';
import { SessionExpiry } from './session/session-expiry.service';
import { SessionGateway } from './session/session.gateway';

/** The real-time core every domain gateway plugs into. */
@Global()
@Module({
  imports: [MetricsModule],
  providers: [
    TenantBroadcaster,
    HandshakeAuthenticator,
    ConnectionCap,
    HandshakeBudget,
    RecoveredRooms,
    SessionExpiry,
    SessionGateway,
    WsJwtGuard,
    CommandBudget,
    WsRateLimitGuard,
    CommandAckFilter,
  ],
  exports: [
    TenantBroadcaster,
    HandshakeAuthenticator,
    RecoveredRooms,
    SessionExpiry,
    WsJwtGuard,
    CommandBudget,
    WsRateLimitGuard,
    CommandAckFilter,
  ],
})
export class RealtimeModule {}
