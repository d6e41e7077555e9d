/** Where a page ended: the sort key and id of its last row. Opaque to clients. */
export interface PageCursor {
  key: string | number;
  id: string;
}

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
