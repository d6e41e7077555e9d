/**
 * A new key for one user action (see `IDEMPOTENCY_KEY_HEADER`): make it once when the person
 * acts and send it with every attempt, so a retry or a replay is done once. 128 random bits as
 * hex; `crypto.getRandomValues` rather than `randomUUID`, which plain-HTTP pages lack.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
