import { BadRequestException } from '@nestjs/common';

/** Where a page ended: the sort key and id of its last row. Opaque to clients. */
export interface PageCursor {
  key: string | number;
  id: string;
}

/** What a client is told for a cursor that is not one this list gave out. */
export const NOT_THIS_LISTS_CURSOR = 'cursor must be a cursor from an X-Next-Cursor header of this list';

export function encodeCursor({ key, id }: PageCursor): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** The cursor a list gave out, or undefined for anything else (tampered, truncated, foreign). */
export function decodeCursor(text: string): PageCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(text)) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
    const [key, id] = decoded as unknown[];
    const keyValid = typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key));
    if (!keyValid || typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

/**
 * An instant as the API writes it in a cursor (`toISOString()`) with a four-digit year: one both
 * databases hold. `toISOString()` writes other years signed and six digits long (`-271821-…`),
 * which PostgreSQL refuses and SQLite compares as text, out of order.
 */
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The instant a cursor of a list ordered by time ends at. A cursor of another list (a name where
 * a time belongs), or a forged one with a time no row can have, is a 400, not a query the
 * database refuses or answers out of order.
 */
export function cursorInstant({ key }: PageCursor): Date {
  const instant = typeof key === 'string' && STORED_INSTANT.test(key) ? new Date(key) : undefined;
  if (!instant || Number.isNaN(instant.getTime()) || instant.toISOString() !== key) {
    throw new BadRequestException(NOT_THIS_LISTS_CURSOR);
  }
  return instant;
}
