import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Equal, IsNull, LessThan, LessThanOrEqual, Repository } from 'typeorm';
import { AuthenticatedUser, toActor } from '@derm/api/auth';
import { cursorInstant, decodeCursor, encodeCursor, IdempotentWrites, Page, Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { ChatMessage, UnreadMessagesCount } from '@derm/shared/contracts';
import { toChatMessage } from './chat-message';
import { MESSAGES_PAGE } from './dto/list-messages.query';
import { MessageThreadEntity } from './entities/message-thread.entity';
import { MessageEntity } from './entities/message.entity';
import { ThreadParticipantEntity } from './entities/thread-participant.entity';
import { MessageRead } from './events/message-read.event';
import { MessageSent } from './events/message-sent.event';
import { UnreadCountChanged } from './events/unread-count-changed.event';
import { isAfter, MessagePosition, readPosition } from './read-position';
import { ThreadsService } from './threads.service';
import { UnreadCounts } from './unread-counts.service';

export interface MessagePage {
  before?: string;
  /** From X-Next-Cursor: where the previous (newer) page ended. */
  cursor?: string;
  limit?: number;
}

/**
 * Messages and read positions. Persists each change, then announces it: the message to every
 * participant, and a fresh unread count to each person whose count changed.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly threadsService: ThreadsService,
    private readonly unread: UnreadCounts,
    private readonly events: DomainEvents,
  ) {}

  private get messages(): Repository<MessageEntity> {
    return this.transactions.repository(MessageEntity);
  }

  private get threads(): Repository<MessageThreadEntity> {
    return this.transactions.repository(MessageThreadEntity);
  }

  private get participants(): Repository<ThreadParticipantEntity> {
    return this.transactions.repository(ThreadParticipantEntity);
  }

  /** The newest `limit` lines, notes too (before a cursor or line, if given), oldest first. */
  async list(
    user: AuthenticatedUser,
    threadId: string,
    { before, cursor, limit = MESSAGES_PAGE.defaultSize }: MessagePage = {},
  ): Promise<Page<ChatMessage>> {
    await this.threadsService.participation(user.tenantId, threadId, user.userId);
    const query = this.messages
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.sender', 'sender')
      .leftJoinAndSelect('m.addedBy', 'addedBy')
      .where('m.tenantId = :tenantId AND m.threadId = :threadId', { tenantId: user.tenantId, threadId })
      .orderBy('m.sentAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1);
    const after = cursor ? decodeCursor(cursor) : undefined;
    const from = after
      ? { sentAt: cursorInstant(after), id: after.id }
      : before
        ? await this.find(user.tenantId, threadId, before)
        : undefined;
    if (from) {
      query.andWhere('(m.sentAt < :sentAt OR (m.sentAt = :sentAt AND m.id < :id))', {
        sentAt: from.sentAt,
        id: from.id,
      });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const oldest = page[page.length - 1];
    const items = page.reverse().map(toChatMessage);
    return rows.length > limit && oldest
      ? { items, nextCursor: encodeCursor({ key: oldest.sentAt.toISOString(), id: oldest.id }) }
      : { items };
  }

  /**
   * The message, the thread's last activity, the sender's read position and the idempotency key:
   * one unit of work. The same key again answers the first message and posts nothing.
   */
  post(user: AuthenticatedUser, threadId: string, body: string, idempotencyKey?: string): Promise<ChatMessage> {
    const { tenantId, userId } = user;
    return this.idempotent.run(
      { tenantId, userId, scope: 'message:post', key: idempotencyKey, request: { threadId, body } },
      () => this.postNow(user, threadId, body),
    );
  }

  /** Moves the reader's position forward to `messageId` (never back) and returns their unread count. */
  markRead(user: AuthenticatedUser, threadId: string, messageId: string): Promise<UnreadMessagesCount> {
    return this.transactions.run(() => this.markReadNow(user, threadId, messageId));
  }

  private async postNow(user: AuthenticatedUser, threadId: string, body: string): Promise<ChatMessage> {
    const { tenantId, userId } = user;
    const { participantIds } = await this.threadsService.lockedParticipation(tenantId, threadId, userId);
    await this.unread.inTurn(tenantId, participantIds);
    const senderHadUnread = ((await this.unread.of(tenantId, userId)).byThread[threadId] ?? 0) > 0;
    const sent: MessagePosition = { id: randomUUID(), sentAt: new Date() };
    await this.messages.insert({ ...sent, tenantId, threadId, kind: 'message', senderId: userId, body });
    // Each update only moves forward, so concurrent posts cannot move a thread back in time.
    await this.threads.update(
      { tenantId, id: threadId, lastActivityAt: LessThanOrEqual(sent.sentAt) },
      { lastMessageId: sent.id, lastActivityAt: sent.sentAt },
    );
    await this.advanceReadPosition(tenantId, threadId, userId, sent);

    const message: ChatMessage = {
      id: sent.id,
      kind: 'message',
      senderId: userId,
      senderName: user.name,
      body,
      sentAt: sent.sentAt.toISOString(),
    };
    this.events.publish(new MessageSent(tenantId, toActor(user), threadId, message, participantIds));
    const changed = participantIds.filter((id) => id !== userId || senderHadUnread);
    // One grouped query for everyone whose count changed, whatever the thread's size.
    for (const [participantId, unread] of await this.unread.ofEach(tenantId, changed)) {
      this.events.publish(new UnreadCountChanged(tenantId, participantId, unread));
    }
    return message;
  }

  private async markReadNow(
    user: AuthenticatedUser,
    threadId: string,
    messageId: string,
  ): Promise<UnreadMessagesCount> {
    const { tenantId, userId } = user;
    const { self, participantIds } = await this.threadsService.lockedParticipation(tenantId, threadId, userId);
    await this.unread.inTurn(tenantId, [userId]);
    const message = await this.find(tenantId, threadId, messageId);
    const moved =
      isAfter(message, readPosition(self)) && (await this.advanceReadPosition(tenantId, threadId, userId, message));
    if (!moved) return this.unread.of(tenantId, userId);
    const readAt = new Date();
    this.events.publish(new MessageRead(tenantId, toActor(user), threadId, message.id, userId, readAt, participantIds));
    return this.announceUnread(tenantId, userId);
  }

  private async announceUnread(tenantId: string, userId: string): Promise<UnreadMessagesCount> {
    const unread = await this.unread.of(tenantId, userId);
    this.events.publish(new UnreadCountChanged(tenantId, userId, unread));
    return unread;
  }

  /** True when the position moved; a concurrent read further on wins. */
  private async advanceReadPosition(
    tenantId: string,
    threadId: string,
    userId: string,
    to: MessagePosition,
  ): Promise<boolean> {
    const row = { tenantId, threadId, userId };
    const result = await this.participants.update(
      [
        { ...row, lastReadSentAt: IsNull() },
        { ...row, lastReadSentAt: LessThan(to.sentAt) },
        { ...row, lastReadSentAt: Equal(to.sentAt), lastReadMessageId: LessThan(to.id) },
      ],
      { lastReadMessageId: to.id, lastReadSentAt: to.sentAt },
    );
    return (result.affected ?? 0) > 0;
  }

  private async find(tenantId: string, threadId: string, id: string): Promise<MessageEntity> {
    const message = await this.messages.findOneBy({ tenantId, threadId, id });
    if (!message) throw new NotFoundException(`Message ${id} not found in this thread`);
    return message;
  }
}
