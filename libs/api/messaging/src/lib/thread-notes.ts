import { randomUUID } from 'node:crypto';
import { ChatMessage, EventActor } from '@derm/shared/contracts';
import { MessageEntity } from './entities/message.entity';

/** A thread's note that someone joined (added by `addedBy`) or left, as its history shows it. */
export function threadNote(kind: 'joined' | 'left', who: EventActor, at: Date, addedBy?: EventActor): ChatMessage {
  return {
    id: randomUUID(),
    kind,
    senderId: who.id,
    senderName: who.name,
    body: '',
    sentAt: at.toISOString(),
    ...(addedBy ? { addedBy } : {}),
  };
}

/** The row that keeps a note in the thread's history. */
export function noteRow(tenantId: string, threadId: string, note: ChatMessage): Partial<MessageEntity> {
  return {
    id: note.id,
    tenantId,
    threadId,
    kind: note.kind,
    senderId: note.senderId,
    body: note.body,
    sentAt: new Date(note.sentAt),
    addedById: note.addedBy?.id ?? null,
  };
}
