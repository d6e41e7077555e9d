export const REDACTED = '[redacted]';

/** Keys whose values never reach the log, whatever object carries them. */
const SECRET_KEYS = new Set([
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'set-cookie',
  'body',
  'displayName',
  'patientName',
]);
/** A log object's own keys are level 1: `token`, `auth.token`, `req.headers.authorization`. */
const CENSORED_LEVELS = 3;

/**
 * The object with the value of every secret key censored, at any of its first three levels, in
 * plain objects and arrays. It is copied only along the way to a censored value, so a log line
 * that carries no secret (nearly all) costs a walk over its keys and nothing more. This takes the
 * place of pino's `redact` with wildcard paths (`*.token`, `*.*.token`), which parses every path
 * again for every value of every line: about a seventh of the server's CPU per handshake in a
 * storm of connections, each logged once (docs/performance.md).
 */
export function censorSecrets<T>(value: T): T {
  return censoredFrom(value, 1) as T;
}

function censoredFrom(value: unknown, level: number): unknown {
  if (level > CENSORED_LEVELS || !isPlainContainer(value)) return value;
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const replacement = SECRET_KEYS.has(key) ? REDACTED : censoredFrom(source[key], level + 1);
    if (replacement === source[key]) continue;
    copy ??= (Array.isArray(value) ? [...value] : { ...source }) as Record<string, unknown>;
    copy[key] = replacement;
  }
  return copy ?? value;
}

function isPlainContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || Array.isArray(value);
}

/**
 * pino options that censor secrets in every line. A child logger's bindings do not pass through
 * them (pino formats only the root's); the one child here, pino-http's per request, binds the
 * {@link requestSummary}, which carries no header.
 */
export const SECRETS_CENSORED = { formatters: { log: censorSecrets } } as const;

/** Query parameters that may carry a credential (the handshake refuses `token`, but a client may still send it). */
const SECRET_QUERY = /([?&](?:token|access_token|auth|password)=)[^&#]*/gi;

export function withoutSecretsInQuery(url: string): string {
  return url.replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** pino-http's view of a request, as its serializer receives it. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
}

/** What a request log says about the request: no headers, no body, no credential in the URL. */
export function requestSummary({ id, method, url = '', remoteAddress }: SerializedRequest) {
  return { id, method, url: withoutSecretsInQuery(url), remoteAddress };
}
