import { ERROR_CODES, HANDSHAKE_REFUSALS, isClientCommandName, STAFF_ROLES } from '@derm/shared/contracts';

/** Label values come from these sets only, whatever a client sends. */
export const UNKNOWN = 'unknown';

const oneOf = (values: readonly string[], value: unknown): string =>
  typeof value === 'string' && values.includes(value) ? value : UNKNOWN;

export const commandLabel = (name: string): string => (isClientCommandName(name) ? name : UNKNOWN);

export const roleLabel = (role: unknown): string => oneOf(STAFF_ROLES, role);

export const ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED';
export const TOO_MANY_PENDING_CONNECTIONS = 'TOO_MANY_PENDING_CONNECTIONS';
/** What Engine.IO's `allowRequest` refuses, before any Socket.IO handshake. */
const REQUEST_REFUSALS = [ORIGIN_NOT_ALLOWED, TOO_MANY_PENDING_CONNECTIONS] as const;
export type RequestRefusal = (typeof REQUEST_REFUSALS)[number];
const REFUSALS: readonly string[] = [...HANDSHAKE_REFUSALS, ...REQUEST_REFUSALS];

/** `accepted`, a refusal code of the contract, or a refusal of the request before Socket.IO's handshake. */
export function handshakeOutcome(refusalCode: unknown): string {
  if (refusalCode === undefined) return 'accepted';
  return oneOf(REFUSALS, refusalCode);
}

/** `ok`, or the error code of an `{ ok: false, error }` ack. */
export function commandOutcome(ack: unknown): string {
  const { ok, error } = (ack ?? {}) as { ok?: unknown; error?: { code?: unknown } };
  return ok === true ? 'ok' : oneOf(ERROR_CODES, error?.code);
}
