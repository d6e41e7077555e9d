import type { Socket as TcpSocket } from 'node:net';

/** What this touches of an Engine.IO connection: its flush, and the TCP socket under `ws`. */
export interface EngineConnection {
  flush(): void;
  transport: { socket?: { _socket?: Pick<TcpSocket, 'cork' | 'uncork'> } };
}

/** What this needs of the Socket.IO server: its connections, as Engine.IO and as Socket.IO opens them. */
export interface HandshakingServer {
  engine: { on(event: 'connection', listener: (connection: EngineConnection) => void): unknown };
  on(event: 'connection', listener: (socket: { conn: unknown }) => void): unknown;
}

/**
 * A handshake's packets leave in one TCP write: Socket.IO's CONNECT and what the gateways send in
 * the same turn of the event loop (`session:ready`, a recovered session's missed packets).
 * Engine.IO writes at every packet and `ws` at every frame, so they cost a write each, and on
 * loopback or a fast LAN a write is most of what a small packet costs. Until Socket.IO has
 * connected the socket, a connection's flush waits for the end of the turn and corks the TCP
 * socket around it; the first flush after that hands back Engine.IO's own, so that a broadcast to
 * thousands of sockets reaches the first ones while it is still being sent to the last.
 */
export function oneWritePerHandshake(server: HandshakingServer): void {
  const connected = new WeakSet<object>();
  server.engine.on('connection', (connection) => deferFlushes(connection, connected));
  server.on('connection', (socket) => connected.add(socket.conn as object));
}

function deferFlushes(connection: EngineConnection, connected: WeakSet<object>): void {
  const flushNow = connection.flush.bind(connection);
  let scheduled = false;
  const flushAtTurnEnd = () => {
    scheduled = false;
    const tcp = connection.transport.socket?._socket;
    tcp?.cork();
    flushNow();
    tcp?.uncork();
    if (connected.has(connection)) connection.flush = flushNow;
  };
  connection.flush = () => {
    if (scheduled) return;
    scheduled = true;
    process.nextTick(flushAtTurnEnd);
  };
}
