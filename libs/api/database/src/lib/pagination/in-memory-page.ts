import { Page } from './keyset';
import { decodeCursor, encodeCursor } from './page-cursor';

/** The same cursors over a list held in memory (e.g. who is online): by key, then id, ascending. */
export function inMemoryPage<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  idOf: (item: T) => string,
  page: { cursor?: string; size: number },
): Page<T> {
  const compare = (a: [string, string], b: [string, string]) =>
    a[0].localeCompare(b[0], 'en') || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  const sorted = [...items].sort((a, b) => compare([keyOf(a), idOf(a)], [keyOf(b), idOf(b)]));
  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const after = cursor
    ? sorted.filter((item) => compare([keyOf(item), idOf(item)], [String(cursor.key), cursor.id]) > 0)
    : sorted;
  const pageItems = after.slice(0, page.size);
  const last = pageItems[pageItems.length - 1];
  return after.length > page.size && last
    ? { items: pageItems, nextCursor: encodeCursor({ key: keyOf(last), id: idOf(last) }) }
    : { items: pageItems };
}
