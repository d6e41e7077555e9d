import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PingableConnection, RealtimeSocket, receivedSoFar } from '@derm/api/realtime';
import { DomainEvent } from '@derm/shared/contracts';
import { NotificationInbox } from './notification-inbox.service';

/** What the receipts need of a socket: who it is, its connection, and what is sent to it. */
export type ReceiptSocket = Pick<RealtimeSocket, 'data' | 'conn' | 'onAnyOutgoing'>;

/**
 * Records an urgent alert delivered to a person once one of their clients has it: when the client
 * answers the pings that follow the alert on its connection (`receivedSoFar`). Each node confirms
 * the sockets it writes the alert to, whether the alert was sent from this node or another, live
 * or again at a connection; confirmations that arrive together are written together.
 */
@Injectable()
export class AlertReceipts implements OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly confirmed = new Map<string, { tenantId: string; notificationId: string; userIds: Set<string> }>();
  private writing?: NodeJS.Immediate;

  constructor(private readonly inbox: NotificationInbox) {}

  /** Follows what Socket.IO sends `socket`, from now on. */
  follow(socket: ReceiptSocket): void {
    socket.onAnyOutgoing(this.onOutgoing);
  }

  onApplicationShutdown(): void {
    clearImmediate(this.writing);
  }

  /** One listener for every socket: Socket.IO calls it with the socket as `this`. */
  private readonly onOutgoing = ((receipts: AlertReceipts) =>
    function (this: ReceiptSocket, event: string, message: unknown) {
      if (event !== 'notification:new') return;
      const { notification } = (message as DomainEvent<'notification:new'>).data;
      if (notification.requiresAck) receipts.awaitReceipt(this, notification.id);
    })(this);

  private awaitReceipt({ data: { tenantId, userId }, conn }: ReceiptSocket, notificationId: string): void {
    void receivedSoFar(conn as unknown as PingableConnection).then((received) => {
      if (received) this.confirm(tenantId, userId, notificationId);
    });
  }

  private confirm(tenantId: string, userId: string, notificationId: string): void {
    const key = `${tenantId}/${notificationId}`;
    const copies = this.confirmed.get(key) ?? { tenantId, notificationId, userIds: new Set<string>() };
    copies.userIds.add(userId);
    this.confirmed.set(key, copies);
    this.writing ??= setImmediate(() => void this.write());
  }

  private async write(): Promise<void> {
    this.writing = undefined;
    const batches = [...this.confirmed.values()];
    this.confirmed.clear();
    for (const { tenantId, notificationId, userIds } of batches) {
      try {
        await this.inbox.markDelivered(tenantId, [...userIds], [notificationId]);
      } catch (error) {
        this.logger.warn(
          `Could not record the delivery of ${notificationId}: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
  }
}
