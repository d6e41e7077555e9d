import { firstValueFrom, Observable } from 'rxjs';
import { ListPage, withNextPage } from '../http/list-page';
import { LiveCollection } from './live-collection';

/**
 * Appends the page after what a paged live collection shows. If the collection moved on while the
 * page was on its way (other filters, another person, a load that started it afresh), the page is
 * dropped: it continues a list no longer shown. Resolves false when the page could not be read.
 */
export async function showNextPage<T>(
  collection: LiveCollection<ListPage<T>>,
  read: (cursor: string) => Observable<ListPage<T>>,
): Promise<boolean> {
  const cursor = collection.value().nextCursor;
  if (!cursor || collection.loading()) return true;
  const sameUser = collection.forCurrentUser();
  let next: ListPage<T>;
  try {
    next = await firstValueFrom(read(cursor));
  } catch {
    return false;
  }
  if (sameUser() && !collection.loading() && collection.value().nextCursor === cursor) {
    collection.apply((shown) => withNextPage(shown, next));
  }
  return true;
}
