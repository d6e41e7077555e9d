import { EventEmitter } from 'node:events';
import type { AppConfig } from '@derm/api/config';
import type { ClusterNode } from '@derm/api/redis';
import type { RealtimeSocket } from '../realtime-socket';
import { ConnectionCap } from './connection-cap.service';

/** What the cap touches of a socket: its id, its person, its events and its connection's. */
const socketOf = (id: string) =>
  Object.assign(new EventEmitter(), {
    id,
    data: { tenantId: 't1', userId: 'ada' },
    conn: Object.assign(new EventEmitter(), { readyState: 'open' }),
  });
const admit = (connections: ConnectionCap, socket: ReturnType<typeof socketOf>) =>
  connections.admit(socket as unknown as RealtimeSocket);

describe('ConnectionCap on one node', () => {
  const cap = () =>
    new ConnectionCap(
      { wsMaxConnectionsPerUser: 2 } as AppConfig,
      { id: 'node-1', key: (...parts: string[]) => parts.join(':') } as ClusterNode,
      null,
    );

  it('counts each socket on its own, even two with one id, and gives back each slot once', async () => {
    const connections = cap();
    const [first, sameId] = [socketOf('recovered-id'), socketOf('recovered-id')];
    expect(await admit(connections, first)).toBe(true);
    expect(await admit(connections, sameId)).toBe(true);
    expect(await admit(connections, socketOf('third'))).toBe(false);

    first.emit('disconnect');
    first.conn.emit('close');
    sameId.emit('disconnect');

    expect(await admit(connections, socketOf('a'))).toBe(true);
    expect(await admit(connections, socketOf('b'))).toBe(true);
    expect(await admit(connections, socketOf('c'))).toBe(false);
  });
});
