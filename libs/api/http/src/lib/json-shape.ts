import { MAX_JSON_DEPTH, MAX_JSON_ELEMENTS, MAX_JSON_KEYS } from './body-limits';

/**
 * What makes a value too costly to validate, as the end of "JSON …": objects and arrays nested
 * more than `MAX_JSON_DEPTH` levels (recursive validation would overflow the stack), more than
 * `MAX_JSON_KEYS` keys of objects in all (each unknown key costs validation an error and the answer
 * a line), or more than `MAX_JSON_ELEMENTS` elements of arrays in all (each costs a check).
 * Iterative, and it stops at the first fault before copying a node's members, so its own cost is
 * bounded by the limits.
 * Binary data is not walked: no command or body takes it, and its bytes are no keys.
 */
export function jsonShapeFault(value: unknown): string | undefined {
  let keys = 0;
  let elements = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) continue;
    if (depth > MAX_JSON_DEPTH) return `nests deeper than ${MAX_JSON_DEPTH} levels`;
    if (Array.isArray(node)) {
      elements += node.length;
      if (elements > MAX_JSON_ELEMENTS) return `holds more than ${MAX_JSON_ELEMENTS} list elements`;
      for (const child of node) pending.push([child, depth + 1]);
      continue;
    }
    const children = Object.values(node);
    keys += children.length;
    if (keys > MAX_JSON_KEYS) return `holds more than ${MAX_JSON_KEYS} keys`;
    for (const child of children) pending.push([child, depth + 1]);
  }
  return undefined;
}
