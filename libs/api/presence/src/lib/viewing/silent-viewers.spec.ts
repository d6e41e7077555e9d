import { EventEmitter } from 'node:events';
import { AppConfig } from '@derm/api/config';
import { rooms } from '@derm/api/realtime';
import { SilentViewers } from './silent-viewers';

const TENANT = 'tenant-a';

class FakeConnection extends EventEmitter {
  readonly sendPacket = jest.fn();
  readonly close = jest.fn();
  /** A pong: Engine.IO's `heartbeat`, whichever ping it answers. */
  answer(): void {
    this.emit('heartbeat');
  }
}

function socket(...patientIds: string[]) {
  const conn = new FakeConnection();
  return {
    disconnected: false,
    data: { tenantId: TENANT },
    rooms: new Set([`socket-id`, rooms.tenant(TENANT), ...patientIds.map((id) => rooms.patient(TENANT, id))]),
    conn,
  };
}

describe('SilentViewers', () => {
  let check: SilentViewers;
  beforeEach(() => {
    check = new SilentViewers({ viewerCheckEveryMs: 7500 } as AppConfig);
  });

  it('pings a watched socket at each check while it answers, and never closes it', () => {
    const viewer = socket('p1');
    check.watch(viewer);
    for (let round = 1; round <= 3; round++) {
      check.check();
      expect(viewer.conn.sendPacket).toHaveBeenCalledTimes(round);
      expect(viewer.conn.sendPacket).toHaveBeenLastCalledWith('ping');
      viewer.conn.answer();
    }
    check.check();
    expect(viewer.conn.close).not.toHaveBeenCalled();
  });

  it('closes a viewer that has not answered by the next check, and checks it no more', () => {
    const silent = socket('p1');
    const answering = socket('p1', 'p2');
    check.watch(silent);
    check.watch(answering);
    check.check();
    answering.conn.answer();
    check.check();
    expect(silent.conn.close).toHaveBeenCalledWith(true);
    expect(answering.conn.close).not.toHaveBeenCalled();
    expect(answering.conn.sendPacket).toHaveBeenCalledTimes(2);

    check.check();
    expect(silent.conn.close).toHaveBeenCalledTimes(1);
    expect(silent.conn.sendPacket).toHaveBeenCalledTimes(1);
  });

  it('leaves alone a socket that stopped viewing or disconnected, however silent', () => {
    const stopped = socket('p1');
    const gone = socket('p1');
    check.watch(stopped);
    check.watch(gone);
    check.check();
    stopped.rooms.delete(rooms.patient(TENANT, 'p1'));
    gone.disconnected = true;
    check.check();
    check.check();
    for (const { conn } of [stopped, gone]) {
      expect(conn.close).not.toHaveBeenCalled();
      expect(conn.sendPacket).toHaveBeenCalledTimes(1);
    }
  });

  it('checks a socket that views again once watched again', () => {
    const viewer = socket('p1');
    check.watch(viewer);
    viewer.rooms.delete(rooms.patient(TENANT, 'p1'));
    check.check();
    expect(viewer.conn.sendPacket).not.toHaveBeenCalled();
    viewer.rooms.add(rooms.patient(TENANT, 'p2'));
    check.watch(viewer);
    check.check();
    expect(viewer.conn.sendPacket).toHaveBeenCalledTimes(1);
  });
});
