import type { ListPage } from '@derm/portal/core';
import {
  ChatMessage,
  MessageReadData,
  StaffAccount,
  ThreadCreatedData,
  ThreadParticipantLeftData,
  ThreadParticipantsAddedData,
  ThreadSummary,
} from '@derm/shared/contracts';

/**
 * A new message makes its thread's last activity and latest message, and its sender has read up
 * to it; the list stays in the API's order, most recent activity first. `null` when the thread is
 * not on the list (new to this person, or beyond the pages loaded: read it).
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
    lastActivityAt: laterOf(thread.lastActivityAt, message.sentAt),
    readBy: { ...thread.readBy, [message.senderId]: message.id },
  };
  return byRecentActivity(threads.map((item) => (item.id === threadId ? updated : item)));
}

/** The API's order: latest activity first, then by id. */
export function byRecentActivity(threads: readonly ThreadSummary[]): ThreadSummary[] {
  return [...threads].sort((a, b) => {
    const [at, bt] = [Date.parse(a.lastActivityAt), Date.parse(b.lastActivityAt)];
    return at !== bt ? bt - at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** A thread that joins the list (or replaces its listed self), in the API's order. */
export function withThread(threads: readonly ThreadSummary[], thread: ThreadSummary): ThreadSummary[] {
  return byRecentActivity([thread, ...threads.filter((item) => item.id !== thread.id)]);
}

const laterOf = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/** Moves one reader's position; receipts only move forward, so a later one simply replaces it. */
export function withRead(threads: readonly ThreadSummary[], read: MessageReadData): ThreadSummary[] {
  return threads.map((thread) =>
    thread.id === read.threadId ? { ...thread, readBy: { ...thread.readBy, [read.readerId]: read.messageId } } : thread,
  );
}

/**
 * Who is in a thread after it was started or colleagues joined it: everyone, as the event names
 * them. `null` when the thread is not on the list (new to the person: read it).
 */
export function withParticipants(
  threads: readonly ThreadSummary[],
  { threadId, participants }: ThreadCreatedData | ThreadParticipantsAddedData,
): ThreadSummary[] | null {
  if (!threads.some((thread) => thread.id === threadId)) return null;
  return threads.map((thread) => (thread.id === threadId ? { ...thread, participants: [...participants] } : thread));
}

/**
 * Who is in a thread after someone left it: those who remain, as the event names them. The thread
 * leaves the list of the one who left (`myId`).
 */
export function withoutParticipant(
  threads: readonly ThreadSummary[],
  { threadId, participants, leftId }: ThreadParticipantLeftData,
  myId: string | null,
): ThreadSummary[] {
  if (leftId === myId) return threads.filter((thread) => thread.id !== threadId);
  return threads.map((thread) => (thread.id === threadId ? { ...thread, participants: [...participants] } : thread));
}

/**
 * A colleague's account changed (`staff:changed`): every thread they are in shows them active or
 * not as it is now; the others stay as they are.
 */
export function withParticipantActive(
  threads: readonly ThreadSummary[],
  { id, active }: Pick<StaffAccount, 'id' | 'active'>,
): ThreadSummary[] {
  return threads.map((thread) =>
    thread.participants.some((participant) => participant.id === id)
      ? {
          ...thread,
          participants: thread.participants.map((participant) =>
            participant.id === id ? { ...participant, active } : participant,
          ),
        }
      : thread,
  );
}

/**
 * An older page below the list. A thread on it that is already listed (it moved up with a message
 * heard since) keeps the listed, newer state; the list stays in the API's order.
 */
export function withOlderThreads(
  shown: ListPage<ThreadSummary>,
  older: ListPage<ThreadSummary>,
): ListPage<ThreadSummary> {
  const listed = new Set(shown.items.map((thread) => thread.id));
  return {
    items: byRecentActivity([...shown.items, ...older.items.filter((thread) => !listed.has(thread.id))]),
    nextCursor: older.nextCursor,
  };
}

/** A change of the list (`withMessage`, `withRead`, `withParticipants`, …) applied to one thread held on its own. */
export function withChangeOf(
  thread: ThreadSummary | null,
  change: (threads: readonly ThreadSummary[]) => ThreadSummary[] | null,
): ThreadSummary | null {
  return thread ? (change([thread])?.[0] ?? thread) : null;
}
