import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import {
  ClientCommandName,
  CommandPayload,
  CommandResult,
  ServerEventName,
  ServerEventPayloadMap,
  SessionReady,
} from '@derm/shared/contracts';
import { BehaviorSubject, EMPTY, Observable, Subject, switchMap } from 'rxjs';
import { AuthSession, SessionUser } from '../session/auth-session.service';
import { ConnectionStatus } from '@derm/portal/util';
import { ClientCommandError, ClientErrorCode, CommandOutcome } from './command-outcome';
import { disposeSocket, RealtimeSocket, RECONNECT_BACKOFF, REALTIME_SOCKET_FACTORY } from './realtime-socket';
import { expiryReason, refusalOutcome } from './refusals';

export const ACK_TIMEOUT_MS = 10_000;
const IDLE: ConnectionStatus = { state: 'idle' };

/**
 * The portal's real-time connection: one Socket.IO client per signed-in person (closed at
 * sign-out, a new one at the next sign-in), reconnects with backoff and jitter, and tells pages
 * when to re-fetch over REST.
 */
@Injectable({ providedIn: 'root' })
export class ConnectionService {
  private readonly createSocket = inject(REALTIME_SOCKET_FACTORY);
  private readonly session = inject(AuthSession);

  private readonly socketSubject = new BehaviorSubject<RealtimeSocket | null>(null);
  private readonly statusState = signal<ConnectionStatus>(IDLE);
  private readonly statusSubject = new BehaviorSubject<ConnectionStatus>(IDLE);
  private readonly readySubject = new Subject<SessionReady>();
  private readonly resyncSubject = new Subject<SessionReady>();
  private readonly userChangedSubject = new Subject<SessionUser | null>();
  private wasReady = false;
  private restartTimer?: ReturnType<typeof setTimeout>;

  readonly status = this.statusState.asReadonly();
  readonly status$: Observable<ConnectionStatus> = this.statusSubject.asObservable();
  /** Every `session:ready`: the socket is authenticated and has joined its rooms. */
  readonly ready$: Observable<SessionReady> = this.readySubject.asObservable();
  /** A reconnection that did not recover missed events: data loaded over REST may be stale. */
  readonly resync$: Observable<SessionReady> = this.resyncSubject.asObservable();
  /**
   * The next person (null: signed out), synchronously on sign-in and sign-out: after the previous
   * person's socket is closed, before the next person's opens. Per-user state resets here, so
   * nothing of the previous person is shown or loaded once the next one's data comes in.
   */
  readonly userChanged$: Observable<SessionUser | null> = this.userChangedSubject.asObservable();

  constructor() {
    this.session.userChanges$.subscribe((user) => this.switchTo(user));
    if (this.session.isAuthenticated()) this.open();
    // A refreshed token extends the live connection instead of reconnecting it.
    effect(() => {
      const token = this.session.token();
      untracked(() => {
        if (token && this.socket?.connected) void this.emit('session:refresh', { token });
      });
    });
    // Back online: no point waiting out the backoff.
    window.addEventListener('online', () => {
      if (this.status().state === 'reconnecting') this.reconnect();
    });
  }

  private get socket(): RealtimeSocket | null {
    return this.socketSubject.value;
  }

  /** Try now rather than waiting for the next backoff step. */
  reconnect(): void {
    const socket = this.socket;
    if (!socket) return;
    clearTimeout(this.restartTimer);
    socket.disconnect();
    this.update({ state: 'connecting', lastConnectedAt: this.status().lastConnectedAt });
    socket.connect();
  }

  /**
   * A typed server → client event, from whichever socket is current: the listener moves to the
   * next person's socket at sign-in and is removed when the subscriber leaves.
   */
  on<K extends ServerEventName>(event: K): Observable<ServerEventPayloadMap[K]> {
    // Not ngx-socket-io's fromEvent: it keeps a stale listener after resubscription.
    return this.socketSubject.pipe(
      switchMap((socket) => {
        if (!socket) return EMPTY;
        return new Observable<ServerEventPayloadMap[K]>((subscriber) => {
          const listener = (payload: ServerEventPayloadMap[K]) => subscriber.next(payload);
          socket.on(event, listener);
          return () => socket.off(event, listener);
        });
      }),
    );
  }

  /**
   * Sends a command and resolves with its acknowledgement; never rejects. Not connected resolves
   * with `NOT_CONNECTED`, no acknowledgement within `ACK_TIMEOUT_MS` with `TIMED_OUT`.
   */
  async emit<K extends ClientCommandName>(
    command: K,
    payload: CommandPayload<K>,
  ): Promise<CommandOutcome<CommandResult<K>>> {
    const socket = this.socket;
    if (!socket?.connected) {
      return failure('NOT_CONNECTED', `Not connected: ${command} was not sent.`);
    }
    try {
      return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(command, payload);
    } catch {
      return failure('TIMED_OUT', `No acknowledgement for ${command} within ${ACK_TIMEOUT_MS / 1000} s.`);
    }
  }

  /** The order matters: close the old socket, reset per-user state, then open the new socket. */
  private switchTo(user: SessionUser | null): void {
    clearTimeout(this.restartTimer);
    const previous = this.socket;
    if (previous) {
      this.socketSubject.next(null);
      disposeSocket(previous);
    }
    this.wasReady = false;
    this.update(IDLE);
    this.userChangedSubject.next(user);
    if (user) this.open();
  }

  private open(): void {
    const socket = this.createSocket();
    this.listen(socket);
    this.socketSubject.next(socket);
    this.update({ state: 'connecting' });
    socket.connect();
  }

  private listen(socket: RealtimeSocket): void {
    socket.on('connect', () =>
      this.update({
        state: 'connected',
        lastConnectedAt: new Date().toISOString(),
        recovered: socket.recovered,
      }),
    );

    socket.on('session:ready', (ready) => {
      this.update({ ...this.status(), state: 'connected', recovered: ready.recovered });
      const isReconnection = this.wasReady;
      this.wasReady = true;
      this.readySubject.next(ready);
      if (isReconnection && !ready.recovered) this.resyncSubject.next(ready);
    });

    socket.on('session:expired', (expired) => {
      this.update({ state: 'unauthorized', lastConnectedAt: this.status().lastConnectedAt });
      this.session.logout(expiryReason(expired));
    });

    socket.on('disconnect', (reason) => {
      const lastConnectedAt = this.status().lastConnectedAt;
      if (reason === 'io client disconnect' || this.status().state === 'unauthorized') return;
      if (reason === 'io server disconnect') {
        // Socket.IO does not retry after the server hangs up (e.g. a restart): start again
        // ourselves after a jittered delay; further failures then follow the normal backoff.
        this.update({ state: 'reconnecting', lastConnectedAt });
        this.restartTimer = setTimeout(() => {
          this.update({ state: 'reconnecting', attempt: 1, lastConnectedAt });
          socket.connect();
        }, jittered(RECONNECT_BACKOFF.reconnectionDelay));
        return;
      }
      this.update({ state: 'reconnecting', lastConnectedAt });
    });

    socket.on('connect_error', (error) => {
      const lastConnectedAt = this.status().lastConnectedAt;
      const outcome = refusalOutcome(error.message);
      if (!outcome) {
        if (!socket.active) this.update({ state: 'disconnected', lastConnectedAt });
      } else if ('refused' in outcome) {
        this.update({ state: 'disconnected', lastConnectedAt, refused: outcome.refused });
      } else {
        this.update({ state: 'unauthorized', lastConnectedAt });
        if ('signOut' in outcome) this.session.logout(outcome.signOut);
      }
    });

    socket.io.on('reconnect_attempt', (attempt) =>
      this.update({ state: 'reconnecting', attempt, lastConnectedAt: this.status().lastConnectedAt }),
    );
    socket.io.on('reconnect_failed', () =>
      this.update({ state: 'disconnected', lastConnectedAt: this.status().lastConnectedAt }),
    );
  }

  private update(status: ConnectionStatus): void {
    this.statusState.set(status);
    this.statusSubject.next(status);
  }
}

function failure(code: ClientErrorCode, message: string): { ok: false; error: ClientCommandError } {
  return { ok: false, error: { code, message } };
}

function jittered(delay: number): number {
  const spread = delay * RECONNECT_BACKOFF.randomizationFactor;
  return delay - spread + Math.random() * 2 * spread;
}
