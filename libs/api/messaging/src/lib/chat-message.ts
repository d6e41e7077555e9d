import { ChatMessage } from '@derm/shared/contracts';
import { MessageEntity } from './entities/message.entity';

/** Expects `sender` loaded, and `addedBy` for a `joined` note. */
export const toChatMessage = (row: MessageEntity): ChatMessage => ({
  id: row.id,
  kind: row.kind,
  senderId: row.senderId,
  senderName: row.sender.name,
  body: row.body,
  sentAt: row.sentAt.toISOString(),
  ...(row.addedBy ? { addedBy: { id: row.addedBy.id, name: row.addedBy.name } } : {}),
});
