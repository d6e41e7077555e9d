export const MESSAGE_BODY_MAX_LENGTH = 4000;

export interface ThreadParticipant {
  id: string;
  name: string;
}

export interface ChatMessage {
  id: string;
  senderId: string;
  senderName: string;
  body: string;
  sentAt: string;
}

export interface ThreadSummary {
  id: string;
  subject: string;
  patientId?: string;
  participants: ThreadParticipant[];
  unread: number;
  lastMessage?: ChatMessage;
  /** The last message's time, or the thread's creation before any: what the list is sorted by. */
  lastActivityAt: string;
  /** Each participant's last read message id, for "seen by". */
  readBy: Record<string, string | undefined>;
}

export interface CreateThreadRequest {
  participantIds: string[];
  subject?: string;
  patientId?: string;
}

/** `POST /api/threads/:id/participants`: colleagues of the clinic to add (those already in it are left as they are). */
export interface AddThreadParticipantsRequest {
  userIds: string[];
}

/**
 * `thread:participants-added`: colleagues joined a thread, for everyone in it now (those added
 * too: the thread is new to them). `participants` is everyone, by name.
 */
export interface ThreadParticipantsAddedData {
  threadId: string;
  participants: ThreadParticipant[];
  addedIds: string[];
}

/**
 * `thread:participant-left`: someone left a thread (`DELETE /api/threads/:id/participants/me`), for
 * everyone who was in it, the one who left too (their other tabs drop it). `participants` is who
 * remains, by name.
 */
export interface ThreadParticipantLeftData {
  threadId: string;
  participants: ThreadParticipant[];
  leftId: string;
}

export interface PostMessageRequest {
  body: string;
}

export interface MessageNewData {
  threadId: string;
  message: ChatMessage;
}
export interface MessageReadData {
  threadId: string;
  messageId: string;
  readerId: string;
  readAt: string;
}
export interface UnreadMessagesCount {
  total: number;
  byThread: Record<string, number>;
}
export interface TypingSignal {
  threadId: string;
  userId: string;
  name: string;
  isTyping: boolean;
}

export interface ThreadRef {
  threadId: string;
}
export interface MarkMessageReadCommand {
  threadId: string;
  messageId: string;
}
export interface MarkMessageReadResult {
  unread: UnreadMessagesCount;
}
