import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Transactions } from '@derm/api/database';
import { UnreadMessagesCount } from '@derm/shared/contracts';
import { MessageEntity } from './entities/message.entity';
import { ThreadParticipantEntity } from './entities/thread-participant.entity';

/**
 * Messages after the participant's read position, in the same (sentAt, id) order as the thread.
 * One line: TypeORM does not quote a property name that ends a line.
 */
const UNREAD = [
  "m.threadId = p.threadId AND m.kind = 'message' AND m.senderId <> p.userId AND (",
  'p.lastReadSentAt IS NULL',
  'OR m.sentAt > p.lastReadSentAt',
  'OR (m.sentAt = p.lastReadSentAt AND m.id > p.lastReadMessageId)',
  ')',
].join(' ');

/** Unread messages: those after the reader's read position that others sent (notes never are). */
@Injectable()
export class UnreadCounts {
  constructor(private readonly transactions: Transactions) {}

  /** Inside a unit of work, counts what it wrote so far. */
  private get participants(): Repository<ThreadParticipantEntity> {
    return this.transactions.repository(ThreadParticipantEntity);
  }

  /**
   * Units of work that count and announce these people's unread messages take turns until they
   * commit (on PostgreSQL): each count then includes every write before it, so the last count a
   * person hears is the latest, even when a post in one thread and their reading of another
   * commit together. Called once per unit of work, for everyone it counts, before counting.
   */
  inTurn(tenantId: string, userIds: readonly string[]): Promise<void> {
    return this.transactions.takeTurns(userIds.map((userId) => `unread:${tenantId}:${userId}`));
  }

  /** One person's count. Threads without unread messages are left out of `byThread`. */
  async of(tenantId: string, userId: string): Promise<UnreadMessagesCount> {
    return (await this.ofEach(tenantId, [userId])).get(userId) ?? { total: 0, byThread: {} };
  }

  /**
   * Several people's counts in one query (a message changes every participant's), each person
   * in the answer even with nothing unread.
   */
  async ofEach(tenantId: string, userIds: readonly string[]): Promise<Map<string, UnreadMessagesCount>> {
    const counts = new Map<string, UnreadMessagesCount>(userIds.map((id) => [id, { total: 0, byThread: {} }]));
    if (userIds.length === 0) return counts;
    const rows = await this.participants
      .createQueryBuilder('p')
      .innerJoin(MessageEntity, 'm', UNREAD)
      .select('p.userId', 'userId')
      .addSelect('p.threadId', 'threadId')
      .addSelect('COUNT(m.id)', 'unread')
      .where('p.tenantId = :tenantId AND p.userId IN (:...userIds)', { tenantId, userIds })
      .groupBy('p.userId')
      .addGroupBy('p.threadId')
      .getRawMany<{ userId: string; threadId: string; unread: string | number }>();
    for (const row of rows) {
      const count = counts.get(row.userId);
      if (!count) continue;
      const unread = Number(row.unread);
      count.byThread[row.threadId] = unread;
      count.total += unread;
    }
    return counts;
  }
}
