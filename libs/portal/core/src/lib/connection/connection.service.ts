import { effect, inject, Injectable, Signal, signal, untracked } from '@angular/core';
import {
  ClientCommandName,
  CommandPayload,
  CommandResult,
  ServerEventName,
  ServerEventPayloadMap,
  SessionReady,
} from '@derm/shared/contracts';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  BehaviorSubject,
  defer,
  EMPTY,
  expand,
  fromEvent,
  Observable,
  Subject,
  switchMap,
  takeUntil,
  tap,
  timer,
} from 'rxjs';
import { AuthSession, SessionUser } from '../session/auth-session.service';
import { ConnectionState, ConnectionStatus } from '@derm/portal/util';
import { ClientCommandError, ClientErrorCode, CommandOutcome } from './command-outcome';
import { CommandQueue, QueuedCommand, SENT_ON_RECONNECT } from './command-queue';
import {
  disposeSocket,
  RealtimeSocket,
  RECONNECT_BACKOFF,
  REALTIME_SOCKET_FACTORY,
  REFUSED_RETRY,
} from './realtime-socket';
import { refreshRetryDelay } from './refresh-retry';
import { expiryReason, refusalOutcome, requestedWaitMs } from './refusals';

export const ACK_TIMEOUT_MS = 10_000;
const IDLE: ConnectionStatus = { state: 'idle' };
/** States a lost network ends: the socket is live or Socket.IO is still trying. */
const LIVE_OR_TRYING: ReadonlySet<ConnectionState> = new Set<ConnectionState>([
  'connecting',
  'connected',
  'reconnecting',
]);

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
  private readonly queue = new CommandQueue();
  private wasReady = false;
  /** Handshakes refused in a row by a refusal that lifts by itself, for the next retry's delay. */
  private refusedInARow = 0;
  private restartTimer?: ReturnType<typeof setTimeout>;
  private browserOnline = navigator.onLine;
  /** When the token the server holds for the live socket runs out: the server then ends the socket. */
  private socketExpiresAt = 0;
  /** Fresh tokens to hand to the live socket; a newer one replaces one still being handed over. */
  private readonly freshTokens = new Subject<string>();

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
  /** Commands made while not connected, sent at the next `session:ready` (see `SENT_ON_RECONNECT`). */
  readonly queued: Signal<readonly QueuedCommand[]> = this.queue.waiting;

  constructor() {
    this.session.userChanges$.subscribe((user) => this.switchTo(user));
    if (this.session.isAuthenticated()) this.open();
    // A refreshed token extends the live connection instead of reconnecting it.
    effect(() => {
      const token = this.session.token();
      untracked(() => {
        if (token && this.socket?.connected) this.freshTokens.next(token);
      });
    });
    this.freshTokens
      .pipe(
        switchMap((token) => this.handOver(token)),
        takeUntilDestroyed(),
      )
      .subscribe();
    fromEvent(window, 'offline')
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.goOffline());
    fromEvent(window, 'online')
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.goOnline());
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
   * Sends a command and resolves with its acknowledgement; never rejects. Not connected, a command
   * of `SENT_ON_RECONNECT` waits in `queued` and resolves once sent at the next `session:ready`
   * (or with `NOT_CONNECTED` if the person signs out first); any other resolves at once with
   * `NOT_CONNECTED`. No acknowledgement within `ACK_TIMEOUT_MS` resolves with `TIMED_OUT`.
   */
  async emit<K extends ClientCommandName>(
    command: K,
    payload: CommandPayload<K>,
  ): Promise<CommandOutcome<CommandResult<K>>> {
    const socket = this.socket;
    if (socket && !socket.connected && SENT_ON_RECONNECT.has(command)) return this.queue.add(command, payload);
    if (!socket?.connected) {
      return failure('NOT_CONNECTED', `Not connected: ${command} was not sent.`);
    }
    try {
      return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(command, payload);
    } catch {
      return failure('TIMED_OUT', `No acknowledgement for ${command} within ${ACK_TIMEOUT_MS / 1000} s.`);
    }
  }

  /**
   * Sends the live socket `session:refresh` with a fresh token, and again after a refusal that
   * lifts by itself or a lost answer (`refreshRetryDelay`), until it is taken or the socket's
   * token runs out: a budget spent or a dropped packet must not end a session that has a token.
   */
  private handOver(token: string): Observable<unknown> {
    const send = defer(() => this.emit('session:refresh', { token }));
    return send.pipe(
      expand((outcome) => {
        const wait = refreshRetryDelay(outcome, this.socketExpiresAt - Date.now());
        return wait === null ? EMPTY : timer(wait).pipe(switchMap(() => send));
      }),
      tap((outcome) => {
        if (outcome.ok) this.socketExpiresAt = Date.parse(outcome.expiresAt);
      }),
      // Never sent for one person on the next one's socket.
      takeUntil(this.userChangedSubject),
    );
  }

  /** The order matters: close the old socket, reset per-user state, then open the new socket. */
  private switchTo(user: SessionUser | null): void {
    clearTimeout(this.restartTimer);
    const previous = this.socket;
    if (previous) {
      this.socketSubject.next(null);
      disposeSocket(previous);
    }
    // Nothing the previous person queued is sent for, or as, the next one.
    this.queue.clear(signedOutFirst());
    this.wasReady = false;
    this.refusedInARow = 0;
    this.update(IDLE);
    this.userChangedSubject.next(user);
    if (user) this.open();
  }

  private open(): void {
    const socket = this.createSocket();
    this.listen(socket);
    this.socketSubject.next(socket);
    if (this.browserOnline) {
      this.update({ state: 'connecting' });
      socket.connect();
    } else {
      this.update({ state: 'offline' });
    }
  }

  /**
   * The browser has no network. Its WebSocket may linger until the server's pings go unanswered
   * (WS_PING_INTERVAL_MS + WS_PING_TIMEOUT_MS) before Socket.IO notices, so close it now rather
   * than show "Live" meanwhile.
   */
  private goOffline(): void {
    this.browserOnline = false;
    const socket = this.socket;
    if (!socket || !LIVE_OR_TRYING.has(this.status().state)) return;
    clearTimeout(this.restartTimer);
    const lastConnectedAt = this.status().lastConnectedAt;
    this.update({ state: 'offline', lastConnectedAt });
    socket.disconnect();
  }

  /** Back online: connect at once rather than wait out a backoff step. */
  private goOnline(): void {
    this.browserOnline = true;
    const state = this.status().state;
    if (state === 'offline' || state === 'reconnecting') this.reconnect();
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
      // The handshake carried the current token.
      this.socketExpiresAt = Date.parse(this.session.expiresAt() ?? '') || 0;
      this.update({ ...this.status(), state: 'connected', recovered: ready.recovered });
      const isReconnection = this.wasReady;
      this.wasReady = true;
      this.refusedInARow = 0;
      this.readySubject.next(ready);
      if (isReconnection && !ready.recovered) this.resyncSubject.next(ready);
      void this.queue.flush(({ command, payload }) => this.sendQueued(socket, command, payload));
    });

    // Only the clinic's own accounts reach its room; the session takes up its own person's.
    socket.on('staff:changed', ({ tenantId, data }) => this.session.accountChanged(tenantId, data.account));

    socket.on('session:expired', (expired) => {
      this.update({ state: 'unauthorized', lastConnectedAt: this.status().lastConnectedAt });
      this.session.logout(expiryReason(expired));
    });

    socket.on('disconnect', (reason) => {
      const lastConnectedAt = this.status().lastConnectedAt;
      if (
        reason === 'io client disconnect' ||
        this.status().state === 'unauthorized' ||
        this.status().state === 'offline'
      )
        return;
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
        if (outcome.retryLater) this.retryAfterRefusal(socket, requestedWaitMs(error));
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

  /**
   * A queued command, sent on the socket whose `session:ready` flushed the queue: one that the
   * person signed out of while earlier ones were on their way is not the next person's to send.
   */
  private sendQueued<K extends ClientCommandName>(
    socket: RealtimeSocket,
    command: K,
    payload: CommandPayload<K>,
  ): Promise<CommandOutcome<CommandResult<K>>> {
    if (socket !== this.socket) {
      return Promise.resolve(signedOutFirst());
    }
    return this.emit(command, payload);
  }

  /**
   * Socket.IO does not retry a refused handshake; this refusal lifts by itself, so try again, ever
   * more slowly, and never before the wait the server asked for.
   */
  private retryAfterRefusal(socket: RealtimeSocket, atLeastMs: number): void {
    const delay = Math.min(REFUSED_RETRY.firstDelay * 2 ** this.refusedInARow, REFUSED_RETRY.maxDelay);
    this.refusedInARow += 1;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => socket.connect(), Math.max(jittered(delay), atLeastMs));
  }

  private update(status: ConnectionStatus): void {
    this.statusState.set(status);
    this.statusSubject.next(status);
  }
}

function failure(code: ClientErrorCode, message: string): { ok: false; error: ClientCommandError } {
  return { ok: false, error: { code, message } };
}

/** A command the person queued and then signed out: it is never sent. */
function signedOutFirst(): { ok: false; error: ClientCommandError } {
  return failure('NOT_CONNECTED', 'Signed out before the connection was back: not sent.');
}

function jittered(delay: number): number {
  const spread = delay * RECONNECT_BACKOFF.randomizationFactor;
  return delay - spread + Math.random() * 2 * spread;
}
