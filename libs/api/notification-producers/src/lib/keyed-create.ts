import { AuthenticatedUser } from '@derm/api/auth';
import { IdempotentRequest } from '@derm/api/database';

/**
 * A record created by `user` under their idempotency key, as `IdempotentWrites.run` takes it: a
 * retry with the same `dto` answers the first record, the key with another is refused.
 */
export const keyedCreate = (
  { tenantId, userId }: AuthenticatedUser,
  scope: string,
  dto: object,
  key: string | undefined,
): IdempotentRequest => ({ tenantId, userId, scope, key, request: { ...dto } });
