/**
 * What a ping needs of an Engine.IO connection. `sendPacket` is private in Engine.IO's typings,
 * but its ping is the one message every Socket.IO client answers by itself, whatever its code.
 * `packetCreate` announces each packet written, `heartbeat` each answer to a ping.
 */
export interface PingableConnection {
  readonly readyState: string;
  sendPacket(type: 'ping'): void;
  on(event: 'packetCreate', listener: (packet: { type: string }) => void): unknown;
  on(event: 'heartbeat', listener: () => void): unknown;
  once(event: 'heartbeat' | 'close', listener: () => void): unknown;
  close(discard: true): void;
}

/**
 * Pings that may have been awaiting their answer, uncounted, when a connection's ledger began: the
 * heartbeat's (one at a time) and the viewer check's (at most two: it pings again after any answer,
 * and closes a connection that has answered nothing by its next check).
 */
export const UNCOUNTED_PINGS = 3;

/**
 * A connection's pings and answers since its ledger began. An answer carries nothing that names its
 * ping, but a client answers its pings in order, so the n-th answer answers the n-th ping.
 */
interface PingLedger {
  sent: number;
  answered: number;
  /** Oldest first: each resolves once `answered` reaches its `until`. */
  waiting: { until: number; resolve(received: boolean): void }[];
}

const ledgers = new WeakMap<PingableConnection, PingLedger>();
const pingOfThisTurn = new WeakMap<PingableConnection, Promise<boolean>>();

function ledgerOf(connection: PingableConnection): PingLedger {
  const existing = ledgers.get(connection);
  if (existing) return existing;
  const ledger: PingLedger = { sent: 0, answered: 0, waiting: [] };
  connection.on('packetCreate', ({ type }) => {
    if (type === 'ping') ledger.sent += 1;
  });
  connection.on('heartbeat', () => {
    ledger.answered += 1;
    while (ledger.waiting.length > 0 && ledger.waiting[0].until <= ledger.answered)
      ledger.waiting.shift()?.resolve(true);
  });
  connection.once('close', () => ledger.waiting.splice(0).forEach(({ resolve }) => resolve(false)));
  ledgers.set(connection, ledger);
  return ledger;
}

/**
 * Whether the client has what was written to `connection` so far: true once it has answered a ping
 * sent after those writes (a connection delivers in order, so that answer follows them), false if
 * the connection closes first. An open socket alone proves nothing: a laptop asleep keeps its
 * connection until the heartbeat gives up on it. The pings leave at the end of the turn, after
 * everything the turn writes (a broadcast tells its listeners before it writes), and answer every
 * caller of that turn. Which answer is whose is counted (`PingLedger`): an answer to an earlier
 * ping, still on its way when these writes were made, proves nothing of them. Since up to
 * UNCOUNTED_PINGS may precede the ledger, that many more pings are sent, so that a live client's
 * answers always reach the count.
 */
export function receivedSoFar(connection: PingableConnection): Promise<boolean> {
  const pending = pingOfThisTurn.get(connection);
  if (pending) return pending;
  const received = new Promise<boolean>((resolve) =>
    queueMicrotask(() => {
      pingOfThisTurn.delete(connection);
      if (connection.readyState !== 'open') return resolve(false);
      const ledger = ledgerOf(connection);
      const pings = UNCOUNTED_PINGS + 1;
      ledger.waiting.push({ until: ledger.sent + pings, resolve });
      for (let ping = 0; ping < pings; ping++) connection.sendPacket('ping');
    }),
  );
  pingOfThisTurn.set(connection, received);
  return received;
}
