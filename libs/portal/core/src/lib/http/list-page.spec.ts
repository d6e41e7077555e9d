import { toListPage, withNextPage } from './list-page';

const response = (body: string[] | null, next: string | null) => ({
  body,
  headers: { get: (name: string) => (name === 'X-Next-Cursor' ? next : null) },
});

describe('list pages', () => {
  it('reads the items and the next cursor of an answer', () => {
    expect(toListPage(response(['a', 'b'], 'c1'))).toEqual({ items: ['a', 'b'], nextCursor: 'c1' });
    expect(toListPage(response(null, null))).toEqual({ items: [], nextCursor: null });
  });

  it('appends the next page and takes its cursor, down to the last page', () => {
    const first = toListPage(response(['a', 'b'], 'c1'));
    const second = withNextPage(first, toListPage(response(['c', 'd'], 'c2')));
    expect(second).toEqual({ items: ['a', 'b', 'c', 'd'], nextCursor: 'c2' });
    expect(withNextPage(second, toListPage(response(['e'], null)))).toEqual({
      items: ['a', 'b', 'c', 'd', 'e'],
      nextCursor: null,
    });
  });
});
