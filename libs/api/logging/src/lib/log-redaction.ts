export const REDACTED = '[redacted]';

/** Keys whose values never reach the log, whatever object carries them. */
const SECRET_KEYS = ['password', 'token', 'accessToken', 'refreshToken', 'body', 'displayName', 'patientName'];

/**
 * Pino redaction paths: credentials in headers, and the keys above at the top of a log object or
 * up to two levels inside it (`auth.token`, `message.body`, `patient.displayName`).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNT = /^\d{1,6}$/;
/** A calendar day or an instant: digits and ISO 8601's separators, no word. */
const TIME = /^\d[\d:.TZ+-]{0,39}$/;
const FLAG = /^(true|false)$/;
/** Engine.IO's session id and cache-busting timestamp (base64url-like, short). */
const ENGINE_ID = /^[\w-]{1,32}$/;

/**
 * The query parameters whose values may be logged, with the shape such a value has: the filters of
 * every list route (`PageQuery` and the routes' own) and Engine.IO's handshake. Every other value
 * is written as `[redacted]`, so a parameter added later stays out of the log until it is listed
 * here. `cursor` is not: it is the base64url of the last row's sort key, a patient's name on
 * `GET /api/patients`.
 */
const LOGGABLE_VALUES: ReadonlyMap<string, RegExp> = new Map([
  ['limit', COUNT],
  ['patientId', UUID],
  ['userId', UUID],
  ['before', UUID],
  ['from', TIME],
  ['to', TIME],
  ['date', TIME],
  ['unread', FLAG],
  ['EIO', COUNT],
  ['transport', /^(polling|websocket|webtransport)$/],
  ['sid', ENGINE_ID],
  ['t', ENGINE_ID],
]);

/**
 * Parameters whose name is kept though their value never is: a patient search (`q`: part of a
 * name or the start of an MRN), a cursor, and those that may carry a credential (the handshake
 * refuses `token`, but a client may still send it).
 */
const NAMED_SECRETS = ['q', 'cursor', 'token', 'access_token', 'auth', 'password'];

/** The names kept in the log, compared lower-cased: `Q=` is a search too. */
const KNOWN_NAMES = new Set([...NAMED_SECRETS, ...[...LOGGABLE_VALUES.keys()].map((name) => name.toLowerCase())]);

/** A name or value as the query parser reads it (`%71` is `q`), or undefined if it cannot be read. */
function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * A parameter as the log may show it: whole when it is one of `LOGGABLE_VALUES` with a value of
 * its shape; its name alone when the name is known (in any case); otherwise `[redacted]` whole,
 * since the name itself may be data (the tail of a value whose `&` was not encoded, a value sent
 * without a name, `q[]`).
 */
function loggableParameter(parameter: string): string {
  if (parameter === '') return parameter;
  const separator = parameter.indexOf('=');
  if (separator === -1) return REDACTED;
  const rawName = parameter.slice(0, separator);
  const name = decoded(rawName);
  if (name === undefined) return REDACTED;
  const value = decoded(parameter.slice(separator + 1));
  if (value !== undefined && LOGGABLE_VALUES.get(name)?.test(value)) return parameter;
  return KNOWN_NAMES.has(name.toLowerCase()) ? `${rawName}=${REDACTED}` : REDACTED;
}

/** The URL with only the query values `LOGGABLE_VALUES` vouches for: the log's view of a request. */
export function withoutSecretsInQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const end = url.includes('#', start) ? url.indexOf('#', start) : url.length;
  const query = url.slice(start + 1, end);
  const parameters = query === '' ? [] : query.split('&').map(loggableParameter);
  return `${url.slice(0, start + 1)}${parameters.join('&')}${url.slice(end)}`;
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
