import { ChatMessage } from '@derm/shared/contracts';
import { firstUnread } from './conversation-state';

/** Where "New" stands in the open thread. */
export interface NewDivider {
  /**
   * The lines on screen when the thread first showed (null before): "New" is placed among these
   * only, so a line that arrived while the person looked is never new to them.
   */
  firstShown: readonly ChatMessage[] | null;
  /** Placed: kept while the thread stays open, whatever arrives or reloads. */
  taken: boolean;
  messageId: string | null;
}

/** What the page knows of the open thread now. */
export interface OpenThreadView {
  /** Its lines, once on screen; null while it loads. */
  lines: readonly ChatMessage[] | null;
  /** The person's unread count for it and read position; null until both are known. */
  reading: { unread: number; readId: string | undefined } | null;
  myId: string;
}

/**
 * "New" from `previous` (this thread's, if any) and what is known `now`: placed once both its
 * first lines and the person's reading of it are known (the counts may come later, once the socket
 * is up), from those first lines and the read position before reading them moves it.
 */
export function placeNew(previous: NewDivider | undefined, now: OpenThreadView): NewDivider {
  if (previous?.taken) return previous;
  const firstShown = previous?.firstShown ?? now.lines;
  if (!firstShown || !now.reading) return { firstShown, taken: false, messageId: null };
  const { unread, readId } = now.reading;
  return { firstShown, taken: true, messageId: unread > 0 ? firstUnread(firstShown, readId, now.myId) : null };
}
