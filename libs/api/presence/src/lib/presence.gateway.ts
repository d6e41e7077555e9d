import { Logger } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, SubscribeMessage } from '@nestjs/websockets';
import { audience, EmptyPayloadDto, RealtimeGateway, RealtimeSocket, TenantBroadcaster } from '@derm/api/realtime';
import { Ack, PresenceListResult } from '@derm/shared/contracts';
import { StaffCameOnline } from './events/staff-came-online.event';
import { StaffWentOffline } from './events/staff-went-offline.event';
import { PresenceService } from './presence.service';

/** Each socket's arrival and departure feeds presence; first-in and last-out go to the clinic. */
@RealtimeGateway()
export class PresenceGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('PresenceGateway');

  constructor(
    private readonly presence: PresenceService,
    private readonly broadcaster: TenantBroadcaster,
  ) {}

  handleConnection(socket: RealtimeSocket): Promise<void> {
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
    this.broadcaster.signal(audience.tenant(tenantId), 'presence:online', { userId, name, role });
  }

  @OnDomainEvent(StaffWentOffline)
  wentOffline({ tenantId, userId, lastSeenAt }: StaffWentOffline): void {
    this.broadcaster.signal(audience.tenant(tenantId), 'presence:offline', { userId, lastSeenAt: lastSeenAt.toISOString() });
  }

  private failed(what: string, error: unknown): void {
    this.logger.error(`Presence ${what} failed`, error instanceof Error ? error.stack : error);
  }
}
