import { Logger } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage } from '@nestjs/websockets';
import { audience, RealtimeGateway, RealtimeSocket, TenantBroadcaster } from '@derm/api/realtime';
import { Ack, MarkNotificationsReadResult } from '@derm/shared/contracts';
import { AlertReceipts } from './alert-receipts';
import { AcknowledgeNotificationCommandDto } from './dto/acknowledge.command';
import { MarkNotificationsReadCommandDto } from './dto/mark-read.command';
import { NotificationAcknowledged } from './events/notification-acknowledged.event';
import { NotificationCreated } from './events/notification-created.event';
import { NotificationsRead } from './events/notifications-read.event';
import { NotificationsService } from './notifications.service';
import { userOf } from './socket-user';

/**
 * `notification:new` to the recipients' user rooms (the tenant room for announcements), and the
 * unread count and read state kept in step on every tab and device of each person.
 */
@RealtimeGateway()
export class NotificationsGateway implements OnGatewayConnection {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly broadcaster: TenantBroadcaster,
    private readonly notifications: NotificationsService,
    private readonly receipts: AlertReceipts,
  ) {}

  /**
   * Every connection, recovered or not, gets the unread count and each alert still awaiting an ack,
   * and from then on each alert it is sent counts as delivered once its client confirms it.
   */
  async handleConnection(socket: RealtimeSocket): Promise<void> {
    this.receipts.follow(socket);
    try {
      const { unreadCount, pending } = await this.notifications.onConnected(socket.data.tenantId, socket.data.userId);
      for (const notification of pending) {
        this.broadcaster.publish(audience.socket(socket), 'notification:new', { notification });
      }
      this.broadcaster.signal(audience.socket(socket), 'notification:unread-count', { count: unreadCount });
    } catch (error) {
      this.logger.error('Could not bring a new connection up to date', error instanceof Error ? error.stack : error);
    }
  }

  @OnDomainEvent(NotificationCreated)
  created({ tenantId, notification, recipientIds, wholeClinic, unreadCounts, ...meta }: NotificationCreated): void {
    const to = wholeClinic ? audience.tenant(tenantId) : audience.users(tenantId, recipientIds);
    this.broadcaster.publish(to, 'notification:new', { notification }, meta);
    for (const [userId, count] of unreadCounts) this.sendCount(tenantId, userId, count);
  }

  @OnDomainEvent(NotificationsRead)
  read({ tenantId, userId, ids, unreadCount, allUpTo }: NotificationsRead): void {
    const read = allUpTo ? { ids: [], allUpTo: allUpTo.toISOString() } : { ids: [...ids] };
    this.broadcaster.signal(audience.users(tenantId, [userId]), 'notification:read', read);
    this.sendCount(tenantId, userId, unreadCount);
  }

  /** Acknowledged on one tab: every tab hears `notification:read` for it, then the new count. */
  @OnDomainEvent(NotificationAcknowledged)
  acknowledged({ tenantId, userId, notificationId, unreadCount }: NotificationAcknowledged): void {
    this.broadcaster.signal(audience.users(tenantId, [userId]), 'notification:read', { ids: [notificationId] });
    this.sendCount(tenantId, userId, unreadCount);
  }

  @SubscribeMessage('notification:mark-read')
  async markRead(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { ids }: MarkNotificationsReadCommandDto,
  ): Promise<Ack<MarkNotificationsReadResult>> {
    return { ok: true, count: await this.notifications.markRead(userOf(socket), ids) };
  }

  @SubscribeMessage('notification:ack')
  async acknowledge(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { id, idempotencyKey }: AcknowledgeNotificationCommandDto,
  ): Promise<Ack> {
    await this.notifications.acknowledge(userOf(socket), id, idempotencyKey);
    return { ok: true };
  }

  private sendCount(tenantId: string, userId: string, count: number): void {
    this.broadcaster.signal(audience.users(tenantId, [userId]), 'notification:unread-count', { count });
  }
}
