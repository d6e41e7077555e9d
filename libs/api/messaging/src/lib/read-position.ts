/** Where a message sits in its thread: messages are ordered by `sentAt`, then by `id`. */
export interface MessagePosition {
  id: string;
  sentAt: Date;
}

/** True when `message` comes after `position`; everything is after "nothing read yet". */
export function isAfter(message: MessagePosition, position: MessagePosition | null): boolean {
  if (!position) return true;
  const delta = message.sentAt.getTime() - position.sentAt.getTime();
  return delta > 0 || (delta === 0 && message.id > position.id);
}

/** The participant's read position, if they have read anything. */
export function readPosition(participant: {
  lastReadMessageId: string | null;
  lastReadSentAt: Date | null;
}): MessagePosition | null {
  const { lastReadMessageId, lastReadSentAt } = participant;
  return lastReadMessageId && lastReadSentAt ? { id: lastReadMessageId, sentAt: lastReadSentAt } : null;
}
