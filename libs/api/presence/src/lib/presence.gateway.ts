import { Logger } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
} from '@nestjs/websockets';
import {
  audience,
  EmptyPayloadDto,
  presenceDeliveryOf,
  RealtimeGateway,
  RealtimeSocket,
  rooms,
  TenantBroadcaster,
} from '@derm/api/realtime';
import { Ack, PresenceListResult } from '@derm/shared/contracts';
import { BatchedPresence } from './batched-presence';
import { StaffCameOnline } from './events/staff-came-online.event';
import { StaffWentOffline } from './events/staff-went-offline.event';
import { PresenceService } from './presence.service';

/**
 * Each socket's arrival and departure feeds presence; first-in and last-out go to the clinic, one
 * signal per person or batched, as each socket chose in its handshake.
 */
@RealtimeGateway()
export class PresenceGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('PresenceGateway');

  constructor(
    private readonly presence: PresenceService,
    private readonly broadcaster: TenantBroadcaster,
    private readonly batched: BatchedPresence,
  ) {}

  handleConnection(socket: RealtimeSocket): Promise<void> {
    const delivery = presenceDeliveryOf(socket.handshake.auth);
    void socket.join(rooms.presence(socket.data.tenantId, delivery));
    // A recovered connection is replayed what it missed, not told to read the list again.
    if (delivery === 'batched' && !socket.recovered) this.batched.joined(socket.data.tenantId, socket.id);
    return this.presence.connect(socket.data, socket.id).catch((error: unknown) => this.failed('connect', error));
  }

  handleDisconnect(socket: RealtimeSocket): Promise<void> {
    return this.presence.disconnect(socket.data, socket.id).catch((error: unknown) => this.failed('disconnect', error));
  }

  @SubscribeMessage('presence:list')
  async list(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() _payload: EmptyPayloadDto,
  ): Promise<Ack<PresenceListResult>> {
    return { ok: true, online: await this.presence.online(socket.data.tenantId) };
  }

  @OnDomainEvent(StaffCameOnline)
  cameOnline({ tenantId, userId, name, role }: StaffCameOnline): void {
    const online = { userId, name, role };
    this.broadcaster.signal(audience.presence(tenantId, 'each'), 'presence:online', online);
    this.batched.cameOnline(tenantId, online);
  }

  @OnDomainEvent(StaffWentOffline)
  wentOffline({ tenantId, userId, lastSeenAt }: StaffWentOffline): void {
    const offline = { userId, lastSeenAt: lastSeenAt.toISOString() };
    this.broadcaster.signal(audience.presence(tenantId, 'each'), 'presence:offline', offline);
    this.batched.wentOffline(tenantId, offline);
  }

  private failed(what: string, error: unknown): void {
    this.logger.error(`Presence ${what} failed`, error instanceof Error ? error.stack : error);
  }
}
