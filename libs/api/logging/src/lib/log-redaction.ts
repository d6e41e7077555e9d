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
