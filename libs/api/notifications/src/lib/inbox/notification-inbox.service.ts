import { BadRequestException, Injectable } from '@nestjs/common';
import { Equal, FindOptionsWhere, In, IsNull, LessThan, Not, Repository } from 'typeorm';
import { AuthenticatedUser } from '@derm/api/auth';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { NotificationList } from '@derm/shared/contracts';
import { NOTIFICATIONS_PAGE } from './dto/list-notifications.query';
import { NotificationsDelivered } from './events/notifications-delivered.event';
import { NotificationEntity } from './notification.entity';
import { decodeInboxCursor, encodeInboxCursor, InboxPosition } from './inbox-cursor';
import { toNotificationView } from './notification-view';

/** Unacknowledged notices a connection is greeted with, at most. */
const PENDING_LIMIT = 50;

/** A person's inbox in two numbers, as a new connection is greeted with them. */
export interface InboxCounts {
  unread: number;
  awaitingAck: number;
}

export interface ListOptions {
  unread?: boolean;
  limit?: number;
  /** From X-Next-Cursor: where the previous page ended. */
  cursor?: string;
  /** The id of the last notification of the previous page, continued from where it stands now. */
  before?: string;
}

/** A page of the inbox and, when there is more, the cursor of the next one. */
export interface InboxPage extends NotificationList {
  nextCursor?: string;
}

/** Reads a person's inbox, and records when notices that need an ack reached them. */
@Injectable()
export class NotificationInbox {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** Inside a unit of work, reads what it wrote so far (the counts a new notice announces). */
  private get rows(): Repository<NotificationEntity> {
    return this.transactions.repository(NotificationEntity);
  }

  /** Unread first, then read; newest first within each. A cursor or `before` continues after a page. */
  async list(
    user: AuthenticatedUser,
    { unread = false, limit = NOTIFICATIONS_PAGE.defaultSize, cursor, before }: ListOptions,
  ): Promise<InboxPage> {
    const mine = { tenantId: user.tenantId, recipientId: user.userId };
    const from = cursor ? decodeInboxCursor(cursor) : before ? await this.positionOf(mine, before) : undefined;
    // One row more than asked tells whether there is a next page.
    const wanted = limit + 1;
    const rows: NotificationEntity[] = [];
    if (!from || from.unread) rows.push(...(await this.page({ ...mine, readAt: IsNull() }, wanted, from)));
    if (!unread && rows.length < wanted) {
      const readFrom = from && !from.unread ? from : undefined;
      rows.push(...(await this.page({ ...mine, readAt: Not(IsNull()) }, wanted - rows.length, readFrom)));
    }
    const items = rows.slice(0, limit);
    await this.markDelivered(
      user.tenantId,
      [user.userId],
      items.filter(awaitsDelivery).map((row) => row.notificationId),
    );
    const last = items.at(-1);
    return {
      items: items.map(toNotificationView),
      unreadCount: await this.unreadCount(user.tenantId, user.userId),
      ...(rows.length > limit && last
        ? {
            nextCursor: encodeInboxCursor({
              unread: !last.readAt,
              createdAt: last.createdAt,
              notificationId: last.notificationId,
            }),
          }
        : {}),
    };
  }

  /**
   * Units of work that change or count these people's notifications take turns until they commit
   * (on PostgreSQL): each reads what the one before it wrote, so two tabs settling the same notice
   * announce it once, and the last count a person hears is the latest. Called before the unit
   * reads any of their notifications.
   */
  inTurn(tenantId: string, userIds: readonly string[]): Promise<void> {
    return this.transactions.takeTurns(userIds.map((userId) => `notifications:${tenantId}:${userId}`));
  }

  unreadCount(tenantId: string, userId: string): Promise<number> {
    return this.rows.countBy({ tenantId, recipientId: userId, readAt: IsNull() });
  }

  async unreadCounts(tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return counts;
    const raw = await this.rows
      .createQueryBuilder('n')
      .select('n.recipientId', 'recipientId')
      .addSelect('COUNT(*)', 'unread')
      .where('n.tenantId = :tenantId', { tenantId })
      .andWhere('n.recipientId IN (:...userIds)', { userIds })
      .andWhere('n.readAt IS NULL')
      .groupBy('n.recipientId')
      .getRawMany<{ recipientId: string; unread: string | number }>();
    for (const { recipientId, unread } of raw) counts.set(recipientId, Number(unread));
    return counts;
  }

  /**
   * What new connections are greeted with, for several people of one clinic in one query: each
   * one's unread count, and how many notices still await their acknowledgement (read only when
   * there are some: most connections have none). Someone with no notice at all is left out.
   */
  async greetings(tenantId: string, userIds: readonly string[]): Promise<Map<string, InboxCounts>> {
    const counts = new Map<string, InboxCounts>();
    if (userIds.length === 0) return counts;
    const raw = await this.rows
      .createQueryBuilder('n')
      .select('n.recipientId', 'recipientId')
      .addSelect('COUNT(CASE WHEN n.readAt IS NULL THEN 1 END)', 'unread')
      .addSelect('COUNT(CASE WHEN n.requiresAck AND n.acknowledgedAt IS NULL THEN 1 END)', 'awaitingAck')
      .where('n.tenantId = :tenantId', { tenantId })
      .andWhere('n.recipientId IN (:...userIds)', { userIds: [...new Set(userIds)] })
      .groupBy('n.recipientId')
      .getRawMany<{ recipientId: string; unread: number | string; awaitingAck: number | string }>();
    for (const { recipientId, unread, awaitingAck } of raw) {
      counts.set(recipientId, { unread: Number(unread), awaitingAck: Number(awaitingAck) });
    }
    return counts;
  }

  /**
   * The newest notices the person has not acknowledged yet, oldest first: redelivered on every
   * connection. Past PENDING_LIMIT the oldest wait in the inbox, since the latest is the likeliest
   * to still matter.
   */
  async pendingAcknowledgements(tenantId: string, userId: string): Promise<NotificationEntity[]> {
    const newestFirst = await this.rows.find({
      where: { tenantId, recipientId: userId, requiresAck: true, acknowledgedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: PENDING_LIMIT,
    });
    return newestFirst.reverse();
  }

  /** Every recipient's copy of these notifications, for the sender's status view. */
  copiesOf(tenantId: string, notificationIds: readonly string[]): Promise<NotificationEntity[]> {
    if (notificationIds.length === 0) return Promise.resolve([]);
    return this.rows.find({
      where: { tenantId, notificationId: In([...notificationIds]) },
      order: { createdAt: 'ASC' },
    });
  }

  /** Records the first delivery of these copies, and announces the copies it was the first for. */
  async markDelivered(
    tenantId: string,
    recipientIds: readonly string[],
    notificationIds: readonly string[],
  ): Promise<void> {
    if (recipientIds.length === 0 || notificationIds.length === 0) return;
    await this.transactions.run(async () => {
      await this.inTurn(tenantId, recipientIds);
      const undelivered = await this.rows.find({
        select: { id: true, recipientId: true, notificationId: true },
        where: {
          tenantId,
          recipientId: In([...recipientIds]),
          notificationId: In([...notificationIds]),
          deliveredAt: IsNull(),
        },
      });
      if (undelivered.length === 0) return;
      await this.rows.update(
        { id: In(undelivered.map((copy) => copy.id)), deliveredAt: IsNull() },
        { deliveredAt: new Date() },
      );
      const copies = undelivered.map(({ recipientId, notificationId }) => ({ recipientId, notificationId }));
      this.events.publish(new NotificationsDelivered(tenantId, copies));
    });
  }

  /** Where one of the person's notifications stands now. */
  private async positionOf(mine: FindOptionsWhere<NotificationEntity>, notificationId: string): Promise<InboxPosition> {
    const row = await this.rows.findOneBy({ ...mine, notificationId });
    if (!row) throw new BadRequestException('before must be the id of one of your notifications');
    return { unread: !row.readAt, createdAt: row.createdAt, notificationId };
  }

  private page(
    where: FindOptionsWhere<NotificationEntity>,
    take: number,
    from?: InboxPosition,
  ): Promise<NotificationEntity[]> {
    const after = from
      ? [
          { ...where, createdAt: LessThan(from.createdAt) },
          { ...where, createdAt: Equal(from.createdAt), notificationId: LessThan(from.notificationId) },
        ]
      : where;
    return this.rows.find({ where: after, order: { createdAt: 'DESC', notificationId: 'DESC' }, take });
  }
}

const awaitsDelivery = (row: NotificationEntity) => row.requiresAck && !row.deliveredAt;
