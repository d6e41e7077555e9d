import { ChatMessage, EventActor, ThreadParticipant } from '@derm/shared/contracts';
import { participantLabel } from './thread-people';

const byPosition = (a: ChatMessage, b: ChatMessage) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id);

/** Both lists as one, each message once, in thread order (the same message may come by REST and by event). */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  incoming.forEach((message) => byId.set(message.id, message));
  return [...byId.values()].sort(byPosition);
}

/**
 * Who has seen what, for "seen by": each colleague appears once (marked when no longer active),
 * under the last message (not a note) of someone else's that they have read up to. `readBy` holds
 * each person's last read message id.
 */
export function seenBy(
  messages: readonly ChatMessage[],
  participants: readonly ThreadParticipant[],
  readBy: Readonly<Record<string, string | undefined>>,
  myId: string,
): Record<string, string[]> {
  const seen: Record<string, string[]> = {};
  for (const participant of participants) {
    const { id } = participant;
    if (id === myId) continue;
    const upTo = messages.findIndex((message) => message.id === readBy[id]);
    const marker = messages
      .slice(0, upTo + 1)
      .reverse()
      .find((message) => message.kind === 'message' && message.senderId !== id);
    if (marker) (seen[marker.id] ??= []).push(participantLabel(participant));
  }
  return seen;
}

/**
 * The first message of someone else's after the reader's read position (`readId`, their last read
 * line; none read: the start), where "New" goes. A position older than the loaded lines puts it
 * at the first of them that someone else wrote; null when nothing after it is someone else's.
 */
export function firstUnread(messages: readonly ChatMessage[], readId: string | undefined, myId: string): string | null {
  const readAt = readId === undefined ? -1 : messages.findIndex((message) => message.id === readId);
  const after = messages.slice(readAt + 1);
  return after.find((message) => message.kind === 'message' && message.senderId !== myId)?.id ?? null;
}

/** "Nora is typing…", "Nora and Felix are typing…", "Nora, Felix and 2 others are typing…". */
export function typingLabel(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} ${others === 1 ? 'other' : 'others'} are typing…`;
}

/** A note's line: "Nora Quinn added Felix Park", "You added Felix Park", "Nora Quinn added you", "Felix Park left". */
export function noteText(note: ChatMessage, myId: string): string {
  const who = (person: EventActor, asObject = false) => (person.id !== myId ? person.name : asObject ? 'you' : 'You');
  const subject = { id: note.senderId, name: note.senderName };
  if (note.kind === 'left') return `${who(subject)} left`;
  return note.addedBy ? `${who(note.addedBy)} added ${who(subject, true)}` : `${who(subject)} joined`;
}
