/**
 * What a ping needs of an Engine.IO connection. `sendPacket` is private in Engine.IO's typings,
 * but its ping is the one message every Socket.IO client answers by itself, whatever its code.
 */
export interface PingableConnection {
  readonly readyState: string;
  sendPacket(type: 'ping'): void;
  once(event: 'heartbeat' | 'close', listener: () => void): unknown;
  off(event: 'heartbeat' | 'close', listener: () => void): unknown;
  close(discard: true): void;
}

const pingOfThisTurn = new WeakMap<PingableConnection, Promise<boolean>>();

/**
 * Whether the client has what was written to `connection` so far: true once it answers a ping sent
 * after those writes (a connection delivers in order, so the answer follows them), false if the
 * connection closes first. An open socket alone proves nothing: a laptop asleep keeps its
 * connection until the heartbeat gives up on it. The ping leaves at the end of the turn, after
 * everything the turn writes (a broadcast tells its listeners before it writes), and answers every
 * caller of that turn. Any answer counts, to this ping or to one still in flight: a client that
 * answers at all is reading what follows.
 */
export function receivedSoFar(connection: PingableConnection): Promise<boolean> {
  const pending = pingOfThisTurn.get(connection);
  if (pending) return pending;
  const received = new Promise<boolean>((resolve) =>
    queueMicrotask(() => {
      pingOfThisTurn.delete(connection);
      if (connection.readyState !== 'open') return resolve(false);
      const answered = () => {
        connection.off('close', closed);
        resolve(true);
      };
      const closed = () => {
        connection.off('heartbeat', answered);
        resolve(false);
      };
      connection.once('heartbeat', answered);
      connection.once('close', closed);
      connection.sendPacket('ping');
    }),
  );
  pingOfThisTurn.set(connection, received);
  return received;
}
