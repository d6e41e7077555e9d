import { IDEMPOTENCY_KEY_HEADER } from '@derm/shared/contracts';
import { StaffSession } from '@derm/shared/test-client';

/** What a conditional request answered, with the `ETag` the test client's `RestResponse` leaves out. */
export interface ConditionalResponse<T> {
  status: number;
  body: T;
  etag: string | null;
}

/** A REST request as `as`, with an `If-Match` and an `Idempotency-Key` when given. */
export async function conditionalRequest<T>(
  as: StaffSession,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  { body, ifMatch, key }: { body?: unknown; ifMatch?: string; key?: string } = {},
): Promise<ConditionalResponse<T>> {
  const response = await fetch(`${as.rest.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${as.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      ...(key === undefined ? {} : { [IDEMPOTENCY_KEY_HEADER]: key }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T, etag: response.headers.get('etag') };
}
