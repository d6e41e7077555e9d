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
  'm.threadId = p.threadId AND m.senderId <> p.userId AND (',
  'p.lastReadSentAt IS NULL',
  'OR m.sentAt > p.lastReadSentAt',
  'OR (m.sentAt = p.lastReadSentAt AND m.id > p.lastReadMessageId)',
  ')',
].join(' ');

/** One person's unread messages: those after their read position that others sent. */
@Injectable()
export class UnreadCounts {
  constructor(private readonly transactions: Transactions) {}

  /** Inside a unit of work, counts what it wrote so far. */
  private get participants(): Repository<ThreadParticipantEntity> {
    return this.transactions.repository(ThreadParticipantEntity);
  }

  /** Threads without unread messages are left out of `byThread`. */
  async of(tenantId: string, userId: string): Promise<UnreadMessagesCount> {
    const rows = await this.participants
      .createQueryBuilder('p')
      .innerJoin(MessageEntity, 'm', UNREAD)
      .select('p.threadId', 'threadId')
      .addSelect('COUNT(m.id)', 'unread')
      .where('p.tenantId = :tenantId AND p.userId = :userId', { tenantId, userId })
      .groupBy('p.threadId')
      .getRawMany<{ threadId: string; unread: string | number }>();
    const byThread: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      const unread = Number(row.unread);
      byThread[row.threadId] = unread;
      total += unread;
    }
    return { total, byThread };
  }
}
