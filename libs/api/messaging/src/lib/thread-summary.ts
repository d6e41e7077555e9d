import { ThreadSummary } from '@derm/shared/contracts';
import { toChatMessage } from './chat-message';
import { MessageThreadEntity } from './entities/message-thread.entity';
import { MessageEntity } from './entities/message.entity';
import { ThreadParticipantEntity } from './entities/thread-participant.entity';

/** Expects each member's `user` and the last message's `sender` loaded. */
export function toThreadSummary(
  thread: MessageThreadEntity,
  members: readonly ThreadParticipantEntity[],
  lastMessage: MessageEntity | undefined,
  unread: number,
): ThreadSummary {
  const sorted = [...members].sort((a, b) => a.user.name.localeCompare(b.user.name));
  return {
    id: thread.id,
    subject: thread.subject,
    ...(thread.patientId ? { patientId: thread.patientId } : {}),
    participants: sorted.map(({ userId, user }) => ({ id: userId, name: user.name, active: user.active })),
    unread,
    ...(lastMessage ? { lastMessage: toChatMessage(lastMessage) } : {}),
    lastActivityAt: thread.lastActivityAt.toISOString(),
    // Only those who have read something: JSON has no `undefined`.
    readBy: Object.fromEntries(
      sorted.flatMap((member) => (member.lastReadMessageId ? [[member.userId, member.lastReadMessageId]] : [])),
    ),
  };
}
