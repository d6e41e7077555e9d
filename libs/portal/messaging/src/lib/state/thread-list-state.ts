import { ChatMessage, MessageReadData, ThreadSummary } from '@derm/shared/contracts';

/**
 * A new message moves its thread to the top with the message as the latest; its sender has read
 * up to it. `null` when the thread is not on the list (new to this person: re-fetch the list).
 */
export function withMessage(
  threads: readonly ThreadSummary[],
  threadId: string,
  message: ChatMessage,
): ThreadSummary[] | null {
  const thread = threads.find((item) => item.id === threadId);
  if (!thread) return null;
  const last = thread.lastMessage;
  const isLatest = !last || last.sentAt < message.sentAt || (last.sentAt === message.sentAt && last.id <= message.id);
  if (!isLatest) return [...threads];
  const updated: ThreadSummary = {
    ...thread,
    lastMessage: message,
    readBy: { ...thread.readBy, [message.senderId]: message.id },
  };
  return [updated, ...threads.filter((item) => item.id !== threadId)];
}

/** Moves one reader's position; receipts only move forward, so a later one simply replaces it. */
export function withRead(threads: readonly ThreadSummary[], read: MessageReadData): ThreadSummary[] {
  return threads.map((thread) =>
    thread.id === read.threadId ? { ...thread, readBy: { ...thread.readBy, [read.readerId]: read.messageId } } : thread,
  );
}
