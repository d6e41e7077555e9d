import { CommandException, rooms } from '@derm/api/realtime';
import { MAX_CHARTS_VIEWED_PER_SOCKET } from '@derm/shared/contracts';

/** What of a socket tells the charts it views. */
export interface ViewingSocket {
  readonly data: { readonly tenantId: string };
  readonly rooms: ReadonlySet<string>;
}

/** What of a socket lets it leave its charts as it disconnects. */
interface DisconnectingSocket extends ViewingSocket {
  once(event: 'disconnecting', listener: () => void): unknown;
  leave(room: string): unknown;
}

/** The socket's patient rooms: in its turn, exactly the charts it views (see the gateway). */
export function patientRoomsOf(socket: ViewingSocket): string[] {
  const patientRooms = rooms.patient(socket.data.tenantId, '');
  return [...socket.rooms].filter((room) => room.startsWith(patientRooms));
}

/**
 * Refuses a socket one more chart once it views as many as it may: one connection walking through
 * the clinic's charts would otherwise hear every one and be listed on each. A chart it already
 * views takes no new place, so starting it again stays harmless.
 */
export function ensurePlaceToView(socket: ViewingSocket, patientId: string): void {
  if (socket.rooms.has(rooms.patient(socket.data.tenantId, patientId))) return;
  if (patientRoomsOf(socket).length < MAX_CHARTS_VIEWED_PER_SOCKET) return;
  throw new CommandException(
    'TOO_MANY_VIEWS',
    `A connection views at most ${MAX_CHARTS_VIEWED_PER_SOCKET} charts at once; stop viewing one first`,
  );
}

const leavingOnDisconnect = new WeakSet<DisconnectingSocket>();

/**
 * A disconnect ends the socket's viewings, so the session Socket.IO keeps for recovery must not
 * hold their patient rooms: recovered, it would be given back the rooms and every viewers list
 * sent there while it was away, which no audited view covers. Socket.IO stores the session's rooms
 * just after `disconnecting`, so the socket leaves its charts then (the in-memory room index,
 * which every adapter keeps, is updated at once).
 */
export function leaveChartsOnDisconnect(socket: DisconnectingSocket): void {
  if (leavingOnDisconnect.has(socket)) return;
  leavingOnDisconnect.add(socket);
  socket.once('disconnecting', () => {
    for (const room of patientRoomsOf(socket)) socket.leave(room);
  });
}
