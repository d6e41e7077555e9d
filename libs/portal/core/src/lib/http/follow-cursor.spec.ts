import { firstValueFrom, of } from 'rxjs';
import { followCursor } from './follow-cursor';

describe('followCursor', () => {
  it('follows X-Next-Cursor until the last page and keeps the order', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      first: { items: [1, 2], next: 'c1' },
      c1: { items: [3, 4], next: 'c2' },
      c2: { items: [5] },
    };
    const asked: (string | undefined)[] = [];
    const all = await firstValueFrom(
      followCursor<number>((cursor) => {
        asked.push(cursor);
        const page = pages[cursor ?? 'first'];
        return of({ items: page.items, nextCursor: page.next ?? null });
      }),
    );
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'c1', 'c2']);
  });

  it('reads a one-page list once', async () => {
    let calls = 0;
    const all = await firstValueFrom(followCursor<string>(() => (calls++, of({ items: ['a'], nextCursor: null }))));
    expect([all, calls]).toEqual([['a'], 1]);
  });
});
