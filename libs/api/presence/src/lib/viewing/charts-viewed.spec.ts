import { EventEmitter } from 'node:events';
import { CommandException, rooms } from '@derm/api/realtime';
import { MAX_CHARTS_VIEWED_PER_SOCKET as MAX } from '@derm/shared/contracts';
import { ensurePlaceToView, leaveChartsOnDisconnect, patientRoomsOf } from './charts-viewed';

const chartRooms = (count: number) => Array.from({ length: count }, (_, i) => rooms.patient('t1', `p${i}`));
/** A socket in these rooms besides the ones every socket of the clinic is in. */
const socketIn = (...patientRooms: string[]) => ({
  data: { tenantId: 't1' },
  rooms: new Set([
    'socket-1',
    rooms.tenant('t1'),
    rooms.user('t1', 'nurse'),
    rooms.presence('t1', 'each'),
    rooms.thread('t1', 'thread-1'),
    rooms.thread('t1', 'thread-2'),
    ...patientRooms,
  ]),
});
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error instanceof CommandException ? error.commandError : error;
  }
  return undefined;
};

describe('the charts a socket views', () => {
  it('are its patient rooms, and nothing else it is in', () => {
    expect(patientRoomsOf(socketIn(...chartRooms(2)))).toEqual(chartRooms(2));
    expect(patientRoomsOf(socketIn())).toEqual([]);
  });

  it('leave a place for one more below the bound, whatever other rooms the socket is in', () => {
    expect(refusal(() => ensurePlaceToView(socketIn(...chartRooms(MAX - 1)), 'another'))).toBeUndefined();
  });

  it('refuse one more at the bound with TOO_MANY_VIEWS', () => {
    expect(refusal(() => ensurePlaceToView(socketIn(...chartRooms(MAX)), 'another'))).toEqual({
      code: 'TOO_MANY_VIEWS',
      message: expect.stringContaining(`${MAX}`),
    });
  });

  it('take no new place for a chart already viewed, even at the bound', () => {
    expect(refusal(() => ensurePlaceToView(socketIn(...chartRooms(MAX)), 'p0'))).toBeUndefined();
  });
});

describe('leaveChartsOnDisconnect', () => {
  const disconnectingSocket = (...patientRooms: string[]) => {
    const socket = Object.assign(new EventEmitter(), socketIn(...patientRooms), { leave: jest.fn() });
    socket.leave.mockImplementation((room: string) => socket.rooms.delete(room));
    return socket;
  };

  it('leaves every patient room as the socket disconnects, and no other room', () => {
    const socket = disconnectingSocket(...chartRooms(3));
    const others = [...socket.rooms].filter((room) => !chartRooms(3).includes(room));
    leaveChartsOnDisconnect(socket);
    expect(patientRoomsOf(socket)).toHaveLength(3);

    socket.emit('disconnecting');
    expect(patientRoomsOf(socket)).toEqual([]);
    expect([...socket.rooms]).toEqual(others);
  });

  it('listens once per socket, however many charts it starts', () => {
    const socket = disconnectingSocket(...chartRooms(2));
    leaveChartsOnDisconnect(socket);
    leaveChartsOnDisconnect(socket);
    expect(socket.listenerCount('disconnecting')).toBe(1);
    socket.emit('disconnecting');
    expect(socket.leave).toHaveBeenCalledTimes(2);
  });
});
