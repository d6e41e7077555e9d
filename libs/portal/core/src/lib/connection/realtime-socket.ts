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

/** The portal's one Socket.IO connection, on the page's own origin, typed from the contract. */
export const REALTIME_SOCKET = new InjectionToken<RealtimeSocket>('REALTIME_SOCKET', {
  providedIn: 'root',
  factory: () => {
    const session = inject(AuthSession);
    const socket: RealtimeSocket = new Socket(
      {
        url: '/',
        options: {
          autoConnect: false,
          transports: ['websocket'],
          reconnection: true,
          reconnectionAttempts: Infinity,
          ...RECONNECT_BACKOFF,
        },
      },
      inject(ApplicationRef),
    );
    // A function rather than an object: Socket.IO calls it before every (re)connection attempt,
    // so a reconnect never carries a stale token.
    socket.auth = (send: (data: object) => void) => send({ token: session.token() ?? '' });
    return socket;
  },
});
