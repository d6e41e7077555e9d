/**
 * A request from a client address (`X-Forwarded-For`, read under `TRUST_PROXY=loopback`), with a
 * bearer token when given, and a body sent as it is, declared JSON, when given.
 */
export function addressedRequest(
  baseUrl: string,
  method: string,
  path: string,
  address: string,
  token?: string,
  body?: string,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'x-forwarded-for': address,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
}
