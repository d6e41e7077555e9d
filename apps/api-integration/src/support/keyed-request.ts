import { IDEMPOTENCY_KEY_HEADER } from '@derm/shared/contracts';
import { RestResponse, StaffSession } from '@derm/shared/test-client';

/** A REST write with an `Idempotency-Key`, to the API or through a proxy in front of it. */
export async function keyedRequest<T>(
  as: StaffSession,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  key: string,
  baseUrl = as.rest.baseUrl,
): Promise<RestResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${as.token}`,
      [IDEMPOTENCY_KEY_HEADER]: key,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
