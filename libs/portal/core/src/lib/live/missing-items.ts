import { firstValueFrom, Observable } from 'rxjs';
import { LiveChange, LiveCollection } from './live-collection';

/** How a collection tells whether it holds an item, reads one, and puts one in its place. */
export interface MissingItemsOptions<T, I> {
  holds(state: T, id: string): boolean;
  read(id: string): Observable<I>;
  insert(item: I): LiveChange<T>;
}

/** Where a collection's live changes go (see {@link missingItems}). */
export interface MissingItems<T> {
  /** A live change of the item `id`. */
  heard(id: string, change: LiveChange<T>): void;
}

/**
 * Live changes for a collection that may name an item it does not hold (new to the person, or
 * beyond the pages loaded): that item is read once and put in its place, and the changes heard
 * while it was on its way are applied after it, in order. A change of a held item, or one heard
 * while the collection loads (its answer holds what is there), applies at once. An item that
 * cannot be read is left to the next load.
 */
export function missingItems<T, I>(collection: LiveCollection<T>, options: MissingItemsOptions<T, I>): MissingItems<T> {
  const reading = new Map<string, LiveChange<T>[]>();

  async function read(id: string): Promise<void> {
    const sameUser = collection.forCurrentUser();
    reading.set(id, []);
    try {
      const item = await firstValueFrom(options.read(id));
      if (!sameUser()) return;
      collection.apply(options.insert(item));
      for (const change of reading.get(id) ?? []) collection.apply(change);
    } catch {
      // Not to be had now: the next load has it.
    } finally {
      reading.delete(id);
    }
  }

  return {
    heard(id, change) {
      collection.apply(change);
      const waiting = reading.get(id);
      if (waiting) waiting.push(change);
      else if (!collection.loading() && !options.holds(collection.value(), id)) void read(id);
    },
  };
}
