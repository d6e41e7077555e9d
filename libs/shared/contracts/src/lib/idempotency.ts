/**
 * Exactly-once writes. A client makes one key per user action (a UUID) and sends it with every
 * attempt of that action: REST in this header, socket commands in the `idempotencyKey` field.
 * The server stores the key with the write, in the same transaction, scoped to the caller's
 * clinic and user: a retry with the same key changes nothing more and gets the first answer.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 16 to 64 letters, digits, `-` or `_`: a UUID fits. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** How long the server honours a key after its write, at least. */
export const IDEMPOTENCY_KEY_LIFETIME_HOURS = 24;

/** A command that may be retried: the same key on every attempt of one user action. */
export interface IdempotentCommand {
  idempotencyKey?: string;
}
