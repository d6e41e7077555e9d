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

/**
 * Query parameters whose values never reach the log: those that may carry a credential (the
 * handshake refuses `token`, but a client may still send it) and a patient search (`q`: part of a
 * patient's name or the start of an MRN).
 */
const SECRET_QUERY_KEYS = new Set(['token', 'access_token', 'auth', 'password', 'q']);

/** A parameter's name as the query parser reads it (`%71` is `q`), lower-cased. */
function parameterName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

export function withoutSecretsInQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const end = url.includes('#', start) ? url.indexOf('#', start) : url.length;
  const parameters = url
    .slice(start + 1, end)
    .split('&')
    .map((parameter) => {
      const [name] = parameter.split('=', 1);
      return name !== parameter && SECRET_QUERY_KEYS.has(parameterName(name)) ? `${name}=${REDACTED}` : parameter;
    });
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
