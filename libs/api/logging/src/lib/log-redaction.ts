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

/** A query's name or value as its parser reads it (`%71` is `q`), or undefined if it cannot be read. */
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

/**
 * The words of the API's routes (its controllers', the OpenAPI page's, Engine.IO's), which a path
 * segment may be logged as; any other segment but an id is written as `[redacted]`. A route added
 * later shows as `[redacted]` until its words are listed here, which an integration test of every
 * documented route catches.
 */
const ROUTE_WORDS = new Set([
  'accounts',
  'ack',
  'alerts',
  'announcements',
  'api',
  'appointments',
  'asyncapi.json',
  'audit',
  'auth',
  'cancel',
  'check-in',
  'complete',
  'direct',
  'docs',
  'health',
  'lab-results',
  'live',
  'login',
  'logout',
  'me',
  'messages',
  'metrics',
  'no-show',
  'notifications',
  'online',
  'openapi.json',
  'operations',
  'participants',
  'patient-record-reads',
  'patient-views',
  'patients',
  'presence',
  'prior-auths',
  'read',
  'ready',
  'refresh',
  'socket.io',
  'staff',
  'tasks',
  'threads',
  'unread-count',
  'viewers',
]);

/**
 * A path segment as the log may show it: as sent when it reads (decoded, in any case, as the
 * router matches it) as a route word or an id, else `[redacted]`: a name sent where an id belongs,
 * or a route that does not exist, whose words may be data.
 */
function loggableSegment(segment: string): string {
  if (segment === '') return segment;
  // Read as a query's value is: no route word or id holds a `+`, so reading it as a space changes nothing.
  const word = decoded(segment);
  if (word === undefined) return REDACTED;
  return ROUTE_WORDS.has(word.toLowerCase()) || UUID.test(word) ? segment : REDACTED;
}

/** A fragment is not sent by browsers, but a script may send one, and it may hold anything. */
function loggableFragment(fragment: string): string {
  return fragment === '' ? '' : `#${REDACTED}`;
}

/**
 * The URL as the log may show it: the path's route words and ids, and only the query values
 * `LOGGABLE_VALUES` vouches for. Enough to tell which route and which record was asked for, and
 * nothing a person typed.
 */
export function loggableUrl(url: string): string {
  const fragmentStart = url.includes('#') ? url.indexOf('#') : url.length;
  const fragment = loggableFragment(url.slice(fragmentStart + 1));
  const target = url.slice(0, fragmentStart);
  const queryStart = target.includes('?') ? target.indexOf('?') : target.length;
  const path = target.slice(0, queryStart).split('/').map(loggableSegment).join('/');
  if (queryStart === target.length) return `${path}${fragment}`;
  const query = target.slice(queryStart + 1);
  const parameters = query === '' ? [] : query.split('&').map(loggableParameter);
  return `${path}?${parameters.join('&')}${fragment}`;
}

/** pino-http's view of a request, as its serializer receives it. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
}

/** What a request log says about the request: no headers, no body, nothing a person typed in the URL. */
export function requestSummary({ id, method, url = '', remoteAddress }: SerializedRequest) {
  return { id, method, url: loggableUrl(url), remoteAddress };
}
