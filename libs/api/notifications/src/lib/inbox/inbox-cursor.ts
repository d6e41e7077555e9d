import { BadRequestException } from '@nestjs/common';
import { cursorInstant, decodeCursor, encodeCursor, NOT_THIS_LISTS_CURSOR } from '@derm/api/database';
import { isLowerCaseUuid } from '@derm/api/http';

/**
 * Where a page of the inbox ended: in which of its two parts (unread first, then read) and at
 * which notification. The part travels with the cursor because a notification read after it was
 * listed moves to the other part; continuing from where it stands now would skip the unread ones
 * after it.
 */
export interface InboxPosition {
  unread: boolean;
  createdAt: Date;
  notificationId: string;
}

export function encodeInboxCursor({ unread, createdAt, notificationId }: InboxPosition): string {
  return encodeCursor({ key: `${unread ? 'unread' : 'read'}|${createdAt.toISOString()}`, id: notificationId });
}

export function decodeInboxCursor(text: string): InboxPosition {
  const cursor = decodeCursor(text);
  const [part, at = ''] = typeof cursor?.key === 'string' ? cursor.key.split('|') : [];
  if (!cursor || (part !== 'unread' && part !== 'read') || !isLowerCaseUuid(cursor.id)) {
    throw new BadRequestException(NOT_THIS_LISTS_CURSOR);
  }
  return { unread: part === 'unread', createdAt: cursorInstant({ key: at, id: cursor.id }), notificationId: cursor.id };
}
