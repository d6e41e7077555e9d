import type { Database } from 'better-sqlite3';

/** Letters with no decomposition that PostgreSQL's `unaccent` still reads as plain Latin ones. */
const PLAIN_LATIN: Readonly<Record<string, string>> = {
  Đ: 'D',
  đ: 'd',
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
};
const NOT_DECOMPOSED = new RegExp(`[${Object.keys(PLAIN_LATIN).join('')}]`, 'gu');

/** Text without its accents ("Muñoz" → "Munoz", "Łukasz" → "Lukasz"), for the embedded SQLite's `unaccent`. */
export const withoutAccents = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(NOT_DECOMPOSED, (letter) => PLAIN_LATIN[letter] ?? letter);

/**
 * The embedded SQLite's text functions, so that a query folds text the same way on both databases:
 * `unaccent(text)` (on PostgreSQL, the `unaccent` extension, created by a migration) and a `lower`
 * that folds every script, where SQLite's own folds ASCII letters only.
 */
export function addTextSearchFunctions(sqlite: Database): void {
  sqlite.function('unaccent', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? withoutAccents(text) : text,
  );
  sqlite.function('lower', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? text.toLowerCase() : text,
  );
}

/**
 * SQL that holds when `column` contains the text bound as `:parameter`, accents and case aside.
 * Both sides are folded by the database's own functions, so a name is always found as it is
 * written, whichever letters the database's `unaccent` knows. The bound text must hold no LIKE
 * wildcard (`%`, `_`): the caller validates it.
 */
export const holdsText = (column: string, parameter: string): string =>
  `lower(unaccent(${column})) LIKE ('%' || lower(unaccent(:${parameter})) || '%')`;
