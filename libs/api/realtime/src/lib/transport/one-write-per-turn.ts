import type { Socket as TcpSocket } from 'node:net';

/** What this touches of an Engine.IO connection: its flush, and the TCP socket under `ws`. */
export interface EngineConnection {
  flush(): void;
  transport: { socket?: { _socket?: Pick<TcpSocket, 'cork' | 'uncork'> } };
}

/**
 * The packets a connection is sent in one turn of the event loop leave in one TCP write.
 * Engine.IO writes at every packet and `ws` at every frame, so a handshake's CONNECT and its
 * `session:ready`, sent in the same turn, cost two writes, and on loopback or a fast LAN each
 * write is most of what a packet costs. Here a connection's flush waits for the end of the
 * turn and corks the socket around it: the packets still go out in order, before any I/O.
 * Without a WebSocket under it (long-polling) the flush only waits for the turn's end.
 */
export function oneWritePerTurn(connection: EngineConnection): void {
  const flushNow = connection.flush.bind(connection);
  let scheduled = false;
  const flushAtTurnEnd = () => {
    scheduled = false;
    const tcp = connection.transport.socket?._socket;
    tcp?.cork();
    flushNow();
    tcp?.uncork();
  };
  connection.flush = () => {
    if (scheduled) return;
    scheduled = true;
    process.nextTick(flushAtTurnEnd);
  };
}
