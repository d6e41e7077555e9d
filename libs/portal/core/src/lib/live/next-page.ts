import { computed, Signal, signal } from '@angular/core';
import { firstValueFrom, Observable } from 'rxjs';
import { ListPage, withNextPage } from '../http/list-page';
import { LiveCollection } from './live-collection';

/** The page after what a paged live collection shows, on request. */
export interface NextPages {
  /** There is a page after those shown. */
  readonly available: Signal<boolean>;
  readonly loading: Signal<boolean>;
  /** The last request for the page after those shown failed (another list shown since: false). */
  readonly failed: Signal<boolean>;
  /** Appends the next page; one request at a time. */
  show(): Promise<void>;
}

/**
 * Pages on request for a paged live collection. If the collection moves on while a page is on its
 * way (other filters, another person, a load that starts it afresh), the page is dropped: it
 * continues a list no longer shown. `merge` adds the page to what is shown: appended by default; a
 * list kept in order by live changes merges it into that order.
 */
export function nextPages<T>(
  collection: LiveCollection<ListPage<T>>,
  read: (cursor: string) => Observable<ListPage<T>>,
  merge: (shown: ListPage<T>, next: ListPage<T>) => ListPage<T> = withNextPage,
): NextPages {
  const cursor = computed(() => (collection.loading() ? null : collection.value().nextCursor));
  const loading = signal(false);
  const failedAt = signal<string | null>(null);
  return {
    available: computed(() => cursor() !== null),
    loading: loading.asReadonly(),
    failed: computed(() => failedAt() !== null && failedAt() === cursor()),
    async show() {
      const from = cursor();
      if (from === null || loading()) return;
      const sameUser = collection.forCurrentUser();
      loading.set(true);
      failedAt.set(null);
      try {
        const next = await firstValueFrom(read(from));
        if (sameUser() && cursor() === from) collection.apply((shown) => merge(shown, next));
      } catch {
        failedAt.set(from);
      } finally {
        loading.set(false);
      }
    },
  };
}
