import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory } from '@derm/api/auth';
import { IdempotentWrites, Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { NotificationView } from '@derm/shared/contracts';
import { ConnectionGreetings } from './connection-greetings';
import { NotificationAcknowledged } from './events/notification-acknowledged.event';
import { NotificationCreated } from './events/notification-created.event';
import { NotificationsRead } from './events/notifications-read.event';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationRequest, SentNotification } from './notification-request';
import { NotificationEntity } from './notification.entity';
import { toNotificationView } from './notification-view';

const INSERT_CHUNK = 100;

/**
 * The one entry point for notifying staff: persists one row per recipient (in chunks, all in one
 * transaction, or in the caller's), then announces it.
 * Urgent alerts (`requiresAck`) stay unread until acknowledged: marking read leaves them alone.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly inbox: NotificationInbox,
    private readonly greetings: ConnectionGreetings,
    private readonly staff: StaffDirectory,
    private readonly events: DomainEvents,
  ) {}

  private get rows(): Repository<NotificationEntity> {
    return this.transactions.repository(NotificationEntity);
  }

  notify(request: NotificationRequest): Promise<SentNotification> {
    return this.transactions.run(async () => {
      const { tenantId, to, actor } = request;
      const id = request.id ?? randomUUID();
      const wholeClinic = 'wholeClinic' in to;
      const members = wholeClinic
        ? await this.staff.active(tenantId)
        : await this.staff.findMany(tenantId, [...new Set(to.userIds)]);
      const recipientIds = members.map((member) => member.id);
      if (recipientIds.length === 0) return { id, recipientIds };
      await this.inbox.inTurn(tenantId, recipientIds);

      const shared = {
        tenantId,
        notificationId: id,
        kind: request.kind,
        title: request.title,
        body: request.body ?? null,
        priority: request.priority,
        link: request.link ?? null,
        requiresAck: request.requiresAck ?? request.kind === 'urgent-alert',
        createdAt: new Date(),
        senderId: request.sender?.id ?? null,
        senderName: request.sender?.name ?? null,
        senderRole: request.sender?.role ?? null,
      };
      const rows = recipientIds.map((recipientId) => ({ ...shared, id: randomUUID(), recipientId }));
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        await this.rows.insert(rows.slice(start, start + INSERT_CHUNK));
      }
      const view = toNotificationView(this.rows.create(rows[0]));
      const counts = await this.inbox.unreadCounts(tenantId, recipientIds);
      this.events.publish(new NotificationCreated(tenantId, actor, view, recipientIds, wholeClinic, counts));
      return { id, recipientIds };
    });
  }

  /** Marks some of the caller's notifications read; returns the unread count left. */
  async markRead(user: AuthenticatedUser, ids: readonly string[]): Promise<number> {
    return this.markUnreadAsRead(user, [...new Set(ids)]);
  }

  async markAllRead(user: AuthenticatedUser): Promise<number> {
    return this.markUnreadAsRead(user);
  }

  /**
   * Only a notice that asks for one (`requiresAck`) is acknowledged; any other is refused, unchanged.
   * Idempotent: a second acknowledgement changes nothing and announces nothing. With a key, a
   * retry over either transport gets the first answer (the socket's and REST's are the same view).
   */
  acknowledge(user: AuthenticatedUser, id: string, idempotencyKey?: string): Promise<NotificationView> {
    const { tenantId, userId } = user;
    return this.idempotent.run(
      { tenantId, userId, scope: 'notification:ack', key: idempotencyKey, request: { id } },
      async () => {
        await this.inbox.inTurn(tenantId, [userId]);
        const mine = { tenantId, recipientId: userId, notificationId: id };
        const row = await this.rows.findOneBy(mine);
        if (!row) throw new NotFoundException(`Notification ${id} not found`);
        if (!row.requiresAck) {
          throw new BadRequestException(`Notification ${id} does not ask for an acknowledgement: mark it read instead`);
        }
        if (row.acknowledgedAt) return toNotificationView(row);
        const now = new Date();
        const { affected } = await this.rows.update(
          { ...mine, acknowledgedAt: IsNull() },
          { acknowledgedAt: now, readAt: row.readAt ?? now },
        );
        const updated = await this.rows.findOneByOrFail(mine);
        if (affected) {
          const unread = await this.inbox.unreadCount(user.tenantId, user.userId);
          this.events.publish(new NotificationAcknowledged(user.tenantId, user.userId, id, unread));
        }
        return toNotificationView(updated);
      },
    );
  }

  /** What a freshly connected socket needs: the unread count and the alerts still awaiting an ack. */
  async onConnected(tenantId: string, userId: string): Promise<{ unreadCount: number; pending: NotificationView[] }> {
    const { unread, awaitingAck } = await this.greetings.countsFor(tenantId, userId);
    if (awaitingAck === 0) return { unreadCount: unread, pending: [] };
    const pending = await this.inbox.pendingAcknowledgements(tenantId, userId);
    return { unreadCount: unread, pending: pending.map(toNotificationView) };
  }

  private markUnreadAsRead(user: AuthenticatedUser, ids?: string[]): Promise<number> {
    return this.transactions.run(async () => {
      await this.inbox.inTurn(user.tenantId, [user.userId]);
      const readAt = new Date();
      const where = {
        tenantId: user.tenantId,
        recipientId: user.userId,
        readAt: IsNull(),
        requiresAck: false,
        // "All" is all up to the instant the other tabs are told, so that they and the database agree
        // on a notice created meanwhile by a node whose clock differs.
        ...(ids ? { notificationId: In(ids) } : { createdAt: LessThanOrEqual(readAt) }),
      };
      // "All" names no ids: there may be tens of thousands, more than a statement may bind and
      // megabytes to every tab. Taking turns for the person keeps the rows it finds the rows it updates.
      const readIds = ids?.length
        ? (await this.rows.find({ where, select: { notificationId: true } })).map((row) => row.notificationId)
        : [];
      const anyRead = ids ? readIds.length > 0 : await this.rows.exists({ where });
      if (anyRead) await this.rows.update(where, { readAt });
      const count = await this.inbox.unreadCount(user.tenantId, user.userId);
      if (anyRead) {
        this.events.publish(
          new NotificationsRead(user.tenantId, user.userId, readIds, count, ids ? undefined : readAt),
        );
      }
      return count;
    });
  }
}
