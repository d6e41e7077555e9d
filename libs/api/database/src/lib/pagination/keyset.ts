import { And, Equal, FindOperator, FindOptionsOrder, FindOptionsWhere, LessThan, MoreThan } from 'typeorm';
import { cursorInstant, decodeCursor, encodeCursor } from './page-cursor';
import { PageRequest } from './page.query';

/** One page of a list and, when there is more, the cursor of the next one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A stable order: the sort key, then the id to break ties. */
export interface KeysetOrder<E> {
  key: keyof E & string;
  direction: 'ASC' | 'DESC';
  /** How the key travels in a cursor: dates as ISO strings. */
  kind: 'date' | 'text';
}

interface Identified {
  id: string;
}

type Where<E> = FindOptionsWhere<E>;

/** `find` options for one page after the cursor: the filters the caller gave, the order, one row more. */
export function keysetFind<E extends Identified>(
  filters: Where<E> | Where<E>[],
  order: KeysetOrder<E>,
  page: PageRequest,
): { where: Where<E>[]; order: FindOptionsOrder<E>; take: number } {
  const base = Array.isArray(filters) ? filters : [filters];
  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const where = cursor
    ? base.flatMap((filter) => {
        const key = order.kind === 'date' ? cursorInstant(cursor) : cursor.key;
        const past = order.direction === 'ASC' ? MoreThan(key) : LessThan(key);
        return [
          withKey(filter, order.key, past),
          { ...withKey(filter, order.key, Equal(key)), id: MoreThan(cursor.id) } as Where<E>,
        ];
      })
    : base;
  return {
    where,
    order: { [order.key]: order.direction, id: 'ASC' } as FindOptionsOrder<E>,
    take: page.size + 1,
  };
}

/** The page out of rows fetched with {@link keysetFind}, mapped to what the route answers. */
export function keysetPage<E extends Identified, T>(
  rows: E[],
  order: KeysetOrder<E>,
  page: PageRequest,
  map: (row: E) => T,
): Page<T> {
  const kept = rows.slice(0, page.size);
  const last = kept[kept.length - 1];
  if (rows.length <= page.size || !last) return { items: kept.map(map) };
  const key = last[order.key] as unknown;
  return {
    items: kept.map(map),
    nextCursor: encodeCursor({
      key: key instanceof Date ? key.toISOString() : String(key),
      id: last.id,
    }),
  };
}

/** A filter on the key column too (e.g. a day) must still hold: both conditions apply. */
function withKey<E>(filter: Where<E>, key: string, condition: FindOperator<unknown>): Where<E> {
  const existing = (filter as Record<string, unknown>)[key];
  const combined =
    existing instanceof FindOperator
      ? And(existing, condition)
      : existing === undefined
        ? condition
        : And(Equal(existing), condition);
  return { ...filter, [key]: combined } as Where<E>;
}
