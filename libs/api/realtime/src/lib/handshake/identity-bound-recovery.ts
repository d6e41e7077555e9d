import { Namespace, Socket } from 'socket.io';
import type { SocketSessionData } from '@derm/shared/contracts';
import { rooms } from '../broadcast/rooms';
import { presenceDeliveryOf } from './presence-delivery';
import type { HandshakeAuthenticator } from './handshake-authenticator.service';
import type { RecoveredRooms } from './recovered-rooms.service';

type SocketClient = ConstructorParameters<typeof Socket>[1];
type StoredSession = NonNullable<ConstructorParameters<typeof Socket>[3]>;

/**
 * Socket.IO 4.8's private step that builds a connecting socket. With a `pid` and `offset` in the
 * handshake it restores that session, joining its rooms and writing the missed packets, before
 * any middleware runs, and without asking whose token came with it (socket.io #5491).
 */
interface SocketFactory {
  _createSocket(client: SocketClient, auth: Record<string, unknown>): Promise<Socket>;
  /** Sockets created and not yet connected or refused, by id (Socket.IO adds each once `_createSocket` returns it). */
  _preConnectSockets: Map<string, Socket>;
}

const sameSession = (stored: Partial<SocketSessionData> | undefined, presented: SocketSessionData): boolean =>
  stored?.tenantId === presented.tenantId &&
  stored.userId === presented.userId &&
  stored.sessionId === presented.sessionId;

/** As Socket.IO does: a session that cannot be restored (expired, unknown offset) is none. */
async function restore(namespace: Namespace, pid: string, offset: string): Promise<StoredSession | null> {
  try {
    return await namespace.adapter.restoreSession(pid, offset);
  } catch {
    return null;
  }
}

/**
 * Replaces that step so a session is restored only for a handshake whose token is a live session
 * of the same clinic, person and sign-in as the stored one, who may still be in every room it
 * held (`RecoveredRooms`) and heard presence as this handshake asks, checked after any change of
 * the person this node applied meanwhile, and only while no socket with its id is connected or
 * being connected: two sockets with one id would share their rooms, their presence and their slot
 * of the connection cap. Anything else connects as a new socket: no room, no packet,
 * `recovered: false`; the middleware then admits or refuses it.
 */
export function bindRecoveryToIdentity(
  namespace: Namespace,
  authenticator: HandshakeAuthenticator,
  recoveredRooms: RecoveredRooms,
): void {
  const factory = namespace as unknown as SocketFactory;
  factory._createSocket = async (client, auth) => {
    const fresh = new Socket(namespace, client, auth);
    const { pid, offset } = auth;
    if (typeof pid !== 'string' || typeof offset !== 'string') return fresh;
    const outcome = await authenticator.verdictBeforeMiddleware(fresh.handshake);
    if (!outcome.ok) return fresh;
    const stored = await restore(namespace, pid, offset);
    if (!stored) return fresh;
    if (!sameSession(stored.data as Partial<SocketSessionData> | undefined, outcome.session)) {
      // Restoring may have consumed it (the Redis adapter does): keep it for its owner.
      const { sid, pid: storedPid, rooms, data } = stored;
      namespace.adapter.persistSession({ sid, pid: storedPid, rooms, data });
      return fresh;
    }
    // Its presence room is the one the session was made with: asked for the other way, the socket
    // would hear presence both ways; it starts afresh and reads the list again.
    if (!stored.rooms.includes(rooms.presence(outcome.session.tenantId, presenceDeliveryOf(auth)))) return fresh;
    // The person's own session, but they left a room's thread or lost its role since: start afresh.
    if (!(await recoveredRooms.allow(outcome.session, stored.rooms))) return fresh;
    if (authenticator.predatesChange(outcome)) return fresh;
    // Already restored to another handshake, whose socket is open or still connecting.
    if (namespace.sockets.has(stored.sid) || factory._preConnectSockets.has(stored.sid)) return fresh;
    const recovered = new Socket(namespace, client, auth, stored);
    // Claimed at once: another handshake with the same session may decide before Socket.IO adds it.
    factory._preConnectSockets.set(recovered.id, recovered);
    return recovered;
  };
}
