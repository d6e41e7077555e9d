import { MAX_JSON_DEPTH, MAX_JSON_ELEMENTS, MAX_JSON_KEYS } from './body-limits';
import { jsonShapeFault } from './json-shape';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
const withKeys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));

describe('jsonShapeFault', () => {
  const tooDeep = `nests deeper than ${MAX_JSON_DEPTH} levels`;
  const tooManyKeys = `holds more than ${MAX_JSON_KEYS} keys`;

  it('counts each object or array as one level', () => {
    expect(jsonShapeFault(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonShapeFault({ a: nested(MAX_JSON_DEPTH - 1) })).toBeUndefined();
    expect(jsonShapeFault({ a: nested(MAX_JSON_DEPTH) })).toBe(tooDeep);
  });

  it('treats scalars as no level at all', () => {
    expect(jsonShapeFault('text')).toBeUndefined();
    expect(jsonShapeFault(null)).toBeUndefined();
  });

  it('walks nesting far deeper than the call stack allows', () => {
    expect(jsonShapeFault(nested(200_000))).toBe(tooDeep);
  });

  it("counts the keys of every object at any depth, apart from an array's elements", () => {
    expect(jsonShapeFault(withKeys(MAX_JSON_KEYS))).toBeUndefined();
    expect(jsonShapeFault(withKeys(MAX_JSON_KEYS + 1))).toBe(tooManyKeys);
    expect(jsonShapeFault({ a: withKeys(MAX_JSON_KEYS - 1) })).toBeUndefined();
    expect(jsonShapeFault({ a: withKeys(MAX_JSON_KEYS / 2), b: [withKeys(MAX_JSON_KEYS / 2)] })).toBe(tooManyKeys);
    expect(jsonShapeFault({ ids: Array.from({ length: 5 * MAX_JSON_KEYS }, (_, i) => `id-${i}`) })).toBeUndefined();
  });

  it('counts the elements of every array at any depth', () => {
    const tooManyElements = `holds more than ${MAX_JSON_ELEMENTS} list elements`;
    const list = (count: number) => Array.from({ length: count }, () => 0);
    expect(jsonShapeFault(list(MAX_JSON_ELEMENTS))).toBeUndefined();
    expect(jsonShapeFault(list(MAX_JSON_ELEMENTS + 1))).toBe(tooManyElements);
    expect(jsonShapeFault({ a: list(MAX_JSON_ELEMENTS / 2), b: [list(MAX_JSON_ELEMENTS / 2)] })).toBe(tooManyElements);
    expect(jsonShapeFault({ to: list(MAX_JSON_ELEMENTS + 1).map(() => ({})) })).toBe(tooManyElements);
    expect(jsonShapeFault(list(50_000))).toBe(tooManyElements);
  });

  it('does not walk binary data, whose bytes are no keys', () => {
    expect(jsonShapeFault({ attachment: Buffer.alloc(10 * MAX_JSON_KEYS) })).toBeUndefined();
  });
});
