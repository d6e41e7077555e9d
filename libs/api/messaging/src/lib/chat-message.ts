import { ChatMessage } from '@derm/shared/contracts';
import { MessageEntity } from './entities/message.entity';

/** Expects `sender` loaded. */
export const toChatMessage = (row: MessageEntity): ChatMessage => ({
  id: row.id,
  senderId: row.senderId,
  senderName: row.sender.name,
  body: row.body,
  sentAt: row.sentAt.toISOString(),
});
