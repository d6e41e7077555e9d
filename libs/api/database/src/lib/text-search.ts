import type { Database } from 'better-sqlite3';

/** Text without its accents ("Muñoz" → "Munoz"), as PostgreSQL's `unaccent` reads Latin letters. */
export const withoutAccents = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * The embedded SQLite's `unaccent(text)`, so that a query can fold accents the same way on both
 * databases (on PostgreSQL it is the `unaccent` extension, created by a migration).
 */
export function addTextSearchFunctions(sqlite: Database): void {
  sqlite.function('unaccent', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? withoutAccents(text) : text,
  );
}

/**
 * A LIKE pattern, for `lower(unaccent(column)) LIKE :pattern`, matching text that holds `part`
 * with accents and case aside. `part` must hold no LIKE wildcard: the caller validates it.
 */
export const holdsTextPattern = (part: string): string => `%${withoutAccents(part).toLowerCase()}%`;
