import { ERROR_CODES, HANDSHAKE_REFUSALS, isClientCommandName, STAFF_ROLES } from '@derm/shared/contracts';

/** Label values come from these sets only, whatever a client sends. */
export const UNKNOWN = 'unknown';

const oneOf = (values: readonly string[], value: unknown): string =>
  typeof value === 'string' && values.includes(value) ? value : UNKNOWN;

export const commandLabel = (name: string): string => (isClientCommandName(name) ? name : UNKNOWN);

export const roleLabel = (role: unknown): string => oneOf(STAFF_ROLES, role);

/** `accepted`, a refusal code of the contract, or ORIGIN_NOT_ALLOWED (refused before Socket.IO's handshake). */
export function handshakeOutcome(refusalCode: unknown): string {
  if (refusalCode === undefined) return 'accepted';
  if (refusalCode === ORIGIN_NOT_ALLOWED) return ORIGIN_NOT_ALLOWED;
  return oneOf(HANDSHAKE_REFUSALS, refusalCode);
}
export const ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED';

/** `ok`, or the error code of an `{ ok: false, error }` ack. */
export function commandOutcome(ack: unknown): string {
  const { ok, error } = (ack ?? {}) as { ok?: unknown; error?: { code?: unknown } };
  return ok === true ? 'ok' : oneOf(ERROR_CODES, error?.code);
}
