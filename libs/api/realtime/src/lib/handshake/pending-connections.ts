import type { IncomingMessage } from 'node:http';
import type { AllowRequest } from '@derm/api/metrics';

/** An Engine.IO connection, as the engine's `connection` event hands it over. */
export interface EngineConnection {
  readonly request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  close(discard?: boolean): unknown;
}

export interface PendingConnectionsOptions {
  /** WS_PENDING_CONNECTIONS_PER_ADDRESS */
  max: number;
  /** WS_CONNECT_TIMEOUT_MS */
  timeoutMs: number;
  /** The client address, as the REST limits read it (`trust proxy`). */
  addressOf: (request: IncomingMessage) => string;
}

/**
 * Engine.IO connections that are not (yet) a Socket.IO connection, counted per client address on
 * this node, from the engine's `connection` to the first namespace connect or the close. The
 * handshake's authentication runs only on a Socket.IO CONNECT, so without this a script could
 * open connections that send none, each holding memory (over WebSocket, a file descriptor too)
 * until Socket.IO's `connectTimeout` (45 s). Past `max` of one address, `allowRequest` refuses
 * the next before any handshake. One still waiting after `timeoutMs` is closed with its transport
 * discarded. This takes the place of a shorter `connectTimeout`, whose close waits for a polling
 * session's next request to say so, up to 30 s more, holding the address's place meanwhile; once
 * it has begun, a discarding close can no longer cut it short.
 */
export class PendingConnections {
  private readonly counts = new Map<string, number>();
  /** What ends each waiting connection's wait: connecting, closing or its timeout, whichever first. */
  private readonly waiting = new Map<EngineConnection, () => void>();

  constructor(private readonly options: PendingConnectionsOptions) {}

  /** How many addresses have connections waiting (none kept for an address without any). */
  get addresses(): number {
    return this.counts.size;
  }

  /** Engine.IO's `allowRequest`, for a new connection. */
  readonly allowRequest: AllowRequest = (request, callback) => {
    const { max, addressOf } = this.options;
    if ((this.counts.get(addressOf(request)) ?? 0) < max) return callback(null, true);
    callback(
      `Too many connections from this address waiting to connect (at most ${max}); connect with a token, or try again later`,
      false,
    );
  };

  /** Engine.IO's `connection`: the connection waits from now. */
  opened(connection: EngineConnection): void {
    const address = this.options.addressOf(connection.request);
    this.counts.set(address, (this.counts.get(address) ?? 0) + 1);
    const timer = setTimeout(() => connection.close(true), this.options.timeoutMs);
    const done = () => {
      this.waiting.delete(connection);
      connection.off('close', done);
      clearTimeout(timer);
      const left = (this.counts.get(address) ?? 1) - 1;
      if (left > 0) this.counts.set(address, left);
      else this.counts.delete(address);
    };
    this.waiting.set(connection, done);
    connection.once('close', done);
  }

  /** A Socket.IO connection of the engine's connection was accepted: it waits no more. */
  connected(connection: EngineConnection): void {
    this.waiting.get(connection)?.();
  }
}
