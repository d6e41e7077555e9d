import { createHash } from 'node:crypto';

/**
 * SHA-256 of the request as JSON with sorted keys: the same request gives the same fingerprint. A
 * field that is `null` counts as left out, as the DTOs read it (`@IsOptional()`), so a retry that
 * spells an absent field either way is the same request.
 */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sorted(request)))
    .digest('hex');
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => [key, sorted(inner)]),
  );
}
