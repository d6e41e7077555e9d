import { AuthenticatedUser } from '@derm/api/auth';
import { RealtimeSocket } from '@derm/api/realtime';

/** The person a socket acts as, for the services that take one. */
export const userOf = ({ data: { userId, tenantId, role, name } }: RealtimeSocket): AuthenticatedUser => ({
  userId,
  tenantId,
  role,
  name,
});
