import { ApplicationRef, InjectionToken, inject } from '@angular/core';
import { ClientToServerEvents, ServerToClientEvents } from '@derm/shared/contracts';
import { Socket } from 'ngx-socket-io';
import { AuthSession } from '../session/auth-session.service';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Backoff between reconnection attempts: 1 s doubling to 15 s, each ±50 % so clients spread out. */
export const RECONNECT_BACKOFF = {
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 15_000,
  randomizationFactor: 0.5,
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
      const socket: RealtimeSocket = new Socket(
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
      socket.auth = (send: (data: object) => void) => send({ token: session.token() ?? '' });
      return socket;
    };
  },
});

/** Ends a client for good: no listener fires any more, its Manager closes, nothing of it is reused. */
export function disposeSocket(socket: RealtimeSocket): void {
  socket.ioSocket.removeAllListeners();
  socket.io.removeAllListeners();
  socket.disconnect();
}
