import { signal } from '@angular/core';
import { Subject } from 'rxjs';
import { LiveChange, LiveCollection } from './live-collection';
import { missingItems } from './missing-items';

interface Item {
  id: string;
  notes: string[];
}

/** A collection of items by id, and the reads it was asked for, answered when the test says. */
function setUp() {
  const state = signal<Item[]>([{ id: 'a', notes: [] }]);
  const loading = signal(false);
  let user = 'nurse';
  const collection: LiveCollection<Item[]> = {
    value: state.asReadonly(),
    loading: loading.asReadonly(),
    error: signal(null).asReadonly(),
    apply: (change) => state.update(change),
    reload: () => undefined,
    forCurrentUser: () => {
      const now = user;
      return () => user === now;
    },
  };
  const reads: { id: string; answer: Subject<Item> }[] = [];
  const items = missingItems(collection, {
    holds: (list, id) => list.some((item) => item.id === id),
    read: (id) => {
      const answer = new Subject<Item>();
      reads.push({ id, answer });
      return answer;
    },
    insert: (item) => (list) => [...list.filter(({ id }) => id !== item.id), item],
  });
  const note =
    (id: string, text: string): LiveChange<Item[]> =>
    (list) =>
      list.map((item) => (item.id === id ? { ...item, notes: [...item.notes, text] } : item));
  const answer = async (index: number, item: Item) => {
    reads[index]!.answer.next(item);
    reads[index]!.answer.complete();
    await Promise.resolve();
  };
  return { state, loading, items, reads, note, answer, switchUser: () => (user = 'provider') };
}

describe('missingItems', () => {
  it('applies a change of an item it holds at once, reading nothing', () => {
    const { state, items, reads, note } = setUp();
    items.heard('a', note('a', 'seen'));
    expect(state()).toEqual([{ id: 'a', notes: ['seen'] }]);
    expect(reads).toEqual([]);
  });

  it('reads a missing item once, then applies what was heard meanwhile, in order', async () => {
    const { state, items, reads, note, answer } = setUp();
    items.heard('b', note('b', 'first'));
    items.heard('b', note('b', 'second'));
    expect(reads.map(({ id }) => id)).toEqual(['b']);
    await answer(0, { id: 'b', notes: [] });
    expect(state()).toEqual([
      { id: 'a', notes: [] },
      { id: 'b', notes: ['second'] },
    ]);
    items.heard('b', note('b', 'third'));
    expect(reads).toHaveLength(1);
    expect(state()[1]).toEqual({ id: 'b', notes: ['second', 'third'] });
  });

  it('reads nothing while the collection loads: its answer holds what there is', () => {
    const { items, reads, note, loading } = setUp();
    loading.set(true);
    items.heard('b', note('b', 'first'));
    expect(reads).toEqual([]);
  });

  it('leaves an item that cannot be read to the next load, and tries again at the next change', async () => {
    const { state, items, reads, note } = setUp();
    items.heard('b', note('b', 'first'));
    reads[0]!.answer.error(new Error('offline'));
    await Promise.resolve();
    expect(state()).toEqual([{ id: 'a', notes: [] }]);
    items.heard('b', note('b', 'second'));
    expect(reads).toHaveLength(2);
  });

  it('drops an item read for someone who has signed out since', async () => {
    const { state, items, note, answer, switchUser } = setUp();
    items.heard('b', note('b', 'first'));
    switchUser();
    await answer(0, { id: 'b', notes: [] });
    expect(state()).toEqual([{ id: 'a', notes: [] }]);
  });
});
