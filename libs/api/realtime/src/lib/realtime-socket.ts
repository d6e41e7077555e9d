import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketSessionData } from '@derm/shared/contracts';

/** Nodes of one deployment exchange nothing directly; the adapter carries broadcasts. */
export type InterServerEvents = Record<string, never>;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketSessionData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketSessionData>;

/**
 * One socket of this node, written to at once. Under connection-state recovery `socket.emit` goes
 * through the adapter: with Redis into the cluster's stream, delivered only after that round
 * trip, read by every node, and decoded again by every socket that later recovers its session,
 * for a packet only this socket wants (its `session:ready`, its greeting, its `session:expired`).
 * Without Redis, SingleNodeAdapter likewise keeps no `local` packet for recovery.
 */
export const thisSocketOnly = (namespace: RealtimeSocket['nsp'], socketId: string) => namespace.local.to(socketId);
