import { ApplicationRef, InjectionToken, inject } from '@angular/core';
import {
  Ack,
  ClientCommandName,
  ClientToServerEvents,
  CommandPayload,
  CommandResult,
  HandshakeAuth,
  ServerEventName,
  ServerEventPayloadMap,
  ServerToClientEvents,
} from '@derm/shared/contracts';
import { Socket } from 'ngx-socket-io';
import type { Socket as IoSocket } from 'socket.io-client';
import { AuthSession } from '../session/auth-session.service';

export type ServerEventListener<K extends ServerEventName> = (payload: ServerEventPayloadMap[K]) => void;

/**
 * What the portal uses of an ngx-socket-io `Socket`, typed from the contract. The factory below
 * hands a real `Socket` over as this type, so the compiler checks the two agree; nothing else
 * reaches past it to the untyped Socket.IO emitter.
 */
export interface RealtimeSocket {
  auth: IoSocket['auth'];
  readonly connected: boolean;
  /** Whether Socket.IO will keep retrying on its own. */
  readonly active: boolean;
  /** Whether the last connection restored the missed events (connection-state recovery). */
  readonly recovered: boolean;
  /** The Manager: reconnection attempts are its events, not the socket's. */
  readonly io: {
    on(event: 'reconnect_attempt', listener: (attempt: number) => void): unknown;
    on(event: 'reconnect_failed', listener: () => void): unknown;
    removeAllListeners(): unknown;
  };
  connect(): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: IoSocket.DisconnectReason) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on<K extends ServerEventName>(event: K, listener: ServerEventListener<K>): unknown;
  /** As in Socket.IO, without a listener it removes every listener of the event. */
  off<K extends ServerEventName>(event?: K, listener?: ServerEventListener<K>): unknown;
  removeAllListeners(): unknown;
  /** Rejects when no acknowledgement comes within `ms`. */
  timeout(ms: number): {
    emitWithAck<K extends ClientCommandName>(command: K, payload: CommandPayload<K>): Promise<Ack<CommandResult<K>>>;
  };
}

/** Backoff between reconnection attempts: 1 s doubling to 15 s, each ±50 % so clients spread out. */
export const RECONNECT_BACKOFF = {
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 15_000,
  randomizationFactor: 0.5,
} as const;

/**
 * Retries after the per-person connection cap or handshake budget refused the handshake: 5 s
 * doubling to 60 s, with the same jitter (and no sooner than a budget's `retryInMs`). Socket.IO
 * gives up on a refusal, but these lift by themselves: when another tab closes, when a crashed
 * server's count of the person's tabs lapses, or when the budget's window has room again.
 */
export const REFUSED_RETRY = {
  firstDelay: 5_000,
  maxDelay: 60_000,
} as const;

/**
 * Makes a Socket.IO client on the page's own origin, typed from the contract. `ConnectionService`
 * makes one per signed-in person and never reuses it for the next.
 */
export const REALTIME_SOCKET_FACTORY = new InjectionToken<() => RealtimeSocket>('REALTIME_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => {
    const session = inject(AuthSession);
    const appRef = inject(ApplicationRef);
    return () => {
      const socket: RealtimeSocket = new Socket<ServerToClientEvents, ClientToServerEvents>(
        {
          url: '/',
          options: {
            autoConnect: false,
            // A Manager of its own: Socket.IO otherwise caches one per URL and hands back the
            // previous client, with the recovery `pid` that would restore the previous person's rooms.
            forceNew: true,
            transports: ['websocket'],
            reconnection: true,
            reconnectionAttempts: Infinity,
            ...RECONNECT_BACKOFF,
          },
        },
        appRef,
      );
      // A function rather than an object: Socket.IO calls it before every (re)connection attempt,
      // so a reconnect never carries a stale token.
      socket.auth = (send: (data: HandshakeAuth) => void) =>
        send({ token: session.token() ?? '', presence: 'batched' });
      return socket;
    };
  },
});

/** Ends a client for good: no listener fires any more, its Manager closes, nothing of it is reused. */
export function disposeSocket(socket: RealtimeSocket): void {
  socket.removeAllListeners();
  socket.io.removeAllListeners();
  socket.disconnect();
}
