import { EMPTY, expand, map, Observable, reduce } from 'rxjs';
import { ListPage } from './list-page';

/** Every item of a list route, fetching page after page while one names a next cursor. */
export function followCursor<T>(page: (cursor?: string) => Observable<ListPage<T>>): Observable<T[]> {
  return page().pipe(
    expand(({ nextCursor }) => (nextCursor ? page(nextCursor) : EMPTY)),
    map(({ items }) => items),
    reduce((all, items) => [...all, ...items], [] as T[]),
  );
}
