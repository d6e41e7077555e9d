import {
  Ack,
  ClientCommandName,
  CommandPayload,
  CommandResult,
  ServerEventName,
  ServerEventPayloadMap,
} from '@derm/shared/contracts';
import type { Socket as IoSocket } from 'socket.io-client';
import { RealtimeSocket } from '../lib/connection/realtime-socket';

type Listener = (...args: never[]) => void;
type CommandHandlers = {
  [K in ClientCommandName]?: (payload: CommandPayload<K>) => Promise<Ack<CommandResult<K>>>;
};

/** Listeners by event name, called as Socket.IO calls them. */
class Listeners {
  private readonly byEvent = new Map<string, Set<Listener>>();

  add(event: string, listener: Listener): void {
    const listeners = this.byEvent.get(event) ?? new Set<Listener>();
    listeners.add(listener);
    this.byEvent.set(event, listeners);
  }

  remove(event?: string, listener?: Listener): void {
    if (event === undefined) this.byEvent.clear();
    else if (listener === undefined) this.byEvent.delete(event);
    else this.byEvent.get(event)?.delete(listener);
  }

  count(): number {
    return [...this.byEvent.values()].reduce((total, listeners) => total + listeners.size, 0);
  }

  call(event: string, ...args: unknown[]): void {
    [...(this.byEvent.get(event) ?? [])].forEach((listener) => Reflect.apply(listener, undefined, args));
  }
}

/**
 * An ngx-socket-io `Socket` as `REALTIME_SOCKET_FACTORY` hands it over, with no network: the test
 * plays the server (`serverSends`, `answer`) and the network (`opens`, `drops`, `refuses`).
 */
export class FakeRealtimeSocket implements RealtimeSocket {
  auth: IoSocket['auth'] = {};
  connected = false;
  active = false;
  recovered = false;
  connectCalls = 0;
  disconnectCalls = 0;
  /** Commands sent, in order, with the acknowledgement timeout each was sent with. */
  readonly sent: { command: ClientCommandName; payload: unknown; timeoutMs: number }[] = [];

  private readonly socketListeners = new Listeners();
  private readonly managerListeners = new Listeners();
  private readonly handlers: CommandHandlers = {};

  readonly io = {
    on: (event: string, listener: Listener) => this.managerListeners.add(event, listener),
    removeAllListeners: () => this.managerListeners.remove(),
  };

  connect(): void {
    this.connectCalls += 1;
    this.active = true;
  }

  disconnect(): void {
    this.disconnectCalls += 1;
    this.active = false;
    if (this.connected) this.drops('io client disconnect');
  }

  on(event: string, listener: Listener): void {
    this.socketListeners.add(event, listener);
  }

  off(event?: string, listener?: Listener): void {
    this.socketListeners.remove(event, listener);
  }

  removeAllListeners(): void {
    this.socketListeners.remove();
  }

  timeout(ms: number) {
    return {
      emitWithAck: <K extends ClientCommandName>(
        command: K,
        payload: CommandPayload<K>,
      ): Promise<Ack<CommandResult<K>>> => {
        this.sent.push({ command, payload, timeoutMs: ms });
        const handler: CommandHandlers[K] = this.handlers[command];
        // Socket.IO rejects when the server does not answer within the timeout.
        return handler ? handler(payload) : Promise.reject(new Error('operation has timed out'));
      },
    };
  }

  /** How the server answers a command from now on (unanswered commands time out). */
  answer<K extends ClientCommandName>(command: K, handler: NonNullable<CommandHandlers[K]>): void {
    this.handlers[command] = handler;
  }

  /** The handshake is accepted. */
  opens(recovered = false): void {
    this.connected = true;
    this.recovered = recovered;
    this.socketListeners.call('connect');
  }

  /** The connection is lost (`reason` as Socket.IO gives it). */
  drops(reason: IoSocket.DisconnectReason = 'transport close'): void {
    this.connected = false;
    this.active = reason !== 'io client disconnect' && reason !== 'io server disconnect';
    this.socketListeners.call('disconnect', reason);
  }

  /**
   * A connection attempt fails with this message: a `HANDSHAKE_REFUSALS` code (Socket.IO stops
   * retrying), or a network error while Socket.IO keeps `retrying`.
   */
  /** `data`: what the server adds to a refusal, as Socket.IO's client hands it on. */
  failsToConnect(message: string, retrying = false, data?: object): void {
    this.active = retrying;
    this.socketListeners.call('connect_error', Object.assign(new Error(message), data ? { data } : {}));
  }

  serverSends<K extends ServerEventName>(event: K, payload: ServerEventPayloadMap[K]): void {
    this.socketListeners.call(event, payload);
  }

  managerSends(event: 'reconnect_attempt' | 'reconnect_failed', ...args: unknown[]): void {
    this.managerListeners.call(event, ...args);
  }

  /** Listeners still attached, on the socket and its Manager. */
  listenerCount(): number {
    return this.socketListeners.count() + this.managerListeners.count();
  }
}
