/**
 * `Authorization: Bearer <token>`: the scheme in any case (RFC 7235), then one or more spaces or
 * tabs (RFC 6750's `1*SP`, and the tabs HTTP allows as whitespace), then a token without any.
 */
const BEARER = /^bearer[ \t]+(\S+)$/i;

/** The bearer token of an `Authorization` header, or undefined for any other scheme or form. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? '')?.[1];
}
