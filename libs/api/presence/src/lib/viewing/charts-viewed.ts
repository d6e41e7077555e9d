import { CommandException, rooms } from '@derm/api/realtime';
import { MAX_CHARTS_VIEWED_PER_SOCKET } from '@derm/shared/contracts';

/** What of a socket tells the charts it views. */
interface ViewingSocket {
  readonly data: { readonly tenantId: string };
  readonly rooms: ReadonlySet<string>;
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
