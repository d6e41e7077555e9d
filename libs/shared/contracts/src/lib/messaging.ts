import { EventActor } from './envelope';

export const MESSAGE_BODY_MAX_LENGTH = 4000;
export const THREAD_SUBJECT_MAX_LENGTH = 200;

/** Someone in a thread, as every list of its people names them. */
export interface ThreadParticipant {
  id: string;
  name: string;
  /**
   * Whether their account is active now. A deactivated colleague stays in the thread, but can no
   * longer sign in to read it; reactivated, they read it again. Follow `staff:changed` for changes.
   */
  active: boolean;
}

/**
 * What a line of a conversation is: a `message` someone wrote, or a note the thread keeps of who
 * `joined` (was added) or `left`. A note has no body; its sender is the person it is about.
 */
export type ChatLineKind = 'message' | 'joined' | 'left';

export interface ChatMessage {
  id: string;
  kind: ChatLineKind;
  senderId: string;
  senderName: string;
  body: string;
  sentAt: string;
  /** `joined`: who added them, as they were then. */
  addedBy?: EventActor;
}

export interface ThreadSummary {
  id: string;
  subject: string;
  patientId?: string;
  participants: ThreadParticipant[];
  /** Messages after the caller's read position; notes are never unread. */
  unread: number;
  /** The last `message` (a note does not change it, nor the thread's place in the list). */
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
 * `thread:created`: a thread was started (`POST /api/threads`), for everyone in it, its starter
 * too (their other tabs): it is on their lists before anyone writes in it. `participants` is
 * everyone, by name, each active or not.
 */
export interface ThreadCreatedData {
  threadId: string;
  participants: ThreadParticipant[];
}

/**
 * `thread:participants-added`: colleagues joined a thread, for everyone in it now (those added
 * too: the thread is new to them). `participants` is everyone, by name, each active or not.
 */
export interface ThreadParticipantsAddedData {
  threadId: string;
  participants: ThreadParticipant[];
  addedIds: string[];
  /** The thread's `joined` note for each of them, as its history keeps it. */
  notes: ChatMessage[];
}

/**
 * `thread:participant-left`: someone left a thread (`DELETE /api/threads/:id/participants/me`), for
 * everyone who was in it, the one who left too (their other tabs drop it). `participants` is who
 * remains, by name, each active or not.
 */
export interface ThreadParticipantLeftData {
  threadId: string;
  participants: ThreadParticipant[];
  leftId: string;
  /** The thread's `left` note, as its history keeps it. */
  note: ChatMessage;
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
