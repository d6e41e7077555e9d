import { nestedDeeperThan } from './json-depth';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('nestedDeeperThan', () => {
  it('counts each object or array as one level', () => {
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('treats scalars as no level at all', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
  });

  it('walks nesting far deeper than the call stack allows', () => {
    expect(nestedDeeperThan(nested(200_000), 32)).toBe(true);
    expect(nestedDeeperThan(nested(32), 32)).toBe(false);
  });
});
