import { NEXT_CURSOR_HEADER } from '@derm/shared/contracts';
import { EMPTY, expand, map, Observable, reduce } from 'rxjs';

/** The part of an HTTP response a page is read from. */
export interface PageResponse<T> {
  body: T[] | null;
  headers: { get(name: string): string | null };
}

/** Every item of a list route, fetching page after page while `X-Next-Cursor` names one more. */
export function followCursor<T>(page: (cursor?: string) => Observable<PageResponse<T>>): Observable<T[]> {
  return page().pipe(
    expand((response) => {
      const next = response.headers.get(NEXT_CURSOR_HEADER);
      return next ? page(next) : EMPTY;
    }),
    map((response) => response.body ?? []),
    reduce((all, items) => [...all, ...items], [] as T[]),
  );
}
