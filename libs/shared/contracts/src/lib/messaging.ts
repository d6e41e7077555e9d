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
