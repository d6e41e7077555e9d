import { AuthenticatedUser } from '@derm/api/auth';
import { Audience, RealtimeSocket } from '@derm/api/realtime';

/** Socket.IO keeps every socket in a room named by its id; the tenant is the socket's own. */
export const thisSocket = (socket: RealtimeSocket): Audience => ({
  tenantId: socket.data.tenantId,
  rooms: [socket.id],
});

export const userOf = ({ data: { userId, tenantId, role, name } }: RealtimeSocket): AuthenticatedUser => ({
  userId,
  tenantId,
  role,
  name,
});
