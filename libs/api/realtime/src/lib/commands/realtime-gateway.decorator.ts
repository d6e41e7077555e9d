import { applyDecorators, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { CommandAckFilter } from './command-ack.filter';
import { CommandValidationPipe } from './command-validation.pipe';
import { WsJwtGuard } from './ws-jwt.guard';
import { WsRateLimitGuard } from './ws-rate-limit.guard';

/**
 * A domain gateway on the shared Socket.IO server: every handler is behind WsJwtGuard and the
 * per-person command budget, every payload is validated, and every failure becomes an error ack.
 */
export const RealtimeGateway = () =>
  applyDecorators(
    WebSocketGateway(),
    UseGuards(WsJwtGuard, WsRateLimitGuard),
    UsePipes(CommandValidationPipe),
    UseFilters(CommandAckFilter),
  );
