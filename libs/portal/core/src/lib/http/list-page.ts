import { NEXT_CURSOR_HEADER } from '@derm/shared/contracts';

/** What a paged list shows so far, and the cursor of the page after it (null: there is none). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The part of an HTTP response a page is read from. */
export interface PageResponse<T> {
  body: T[] | null;
  headers: { get(name: string): string | null };
}

export const emptyListPage = <T>(): ListPage<T> => ({ items: [], nextCursor: null });

/** A list route's answer: its items and `X-Next-Cursor`. */
export const toListPage = <T>({ body, headers }: PageResponse<T>): ListPage<T> => ({
  items: body ?? [],
  nextCursor: headers.get(NEXT_CURSOR_HEADER),
});

/** The next page below what is shown; the cursor moves on to the page after it. */
export const withNextPage = <T>(shown: ListPage<T>, next: ListPage<T>): ListPage<T> => ({
  items: [...shown.items, ...next.items],
  nextCursor: next.nextCursor,
});
