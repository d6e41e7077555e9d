import { RealtimeSocket, rooms } from '@derm/api/realtime';

/**
 * A socket's place in one patient's room, which hears every change of the chart's viewers: the
 * viewing service moves it, so the audit covers every moment the socket holds it.
 */
export interface PatientRoomSeat {
  /** The socket already views the chart (its turn's commands keep the rooms to its views). */
  readonly taken: boolean;
  take(): Promise<void>;
  leave(): Promise<void>;
}

export function patientRoomSeat(socket: RealtimeSocket, patientId: string): PatientRoomSeat {
  const room = rooms.patient(socket.data.tenantId, patientId);
  return {
    taken: socket.rooms.has(room),
    take: async () => socket.join(room),
    leave: async () => socket.leave(room),
  };
}
