import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import {
  Ack,
  ClientCommandName,
  CommandPayload,
  CommandResult,
  HANDSHAKE_REFUSALS,
  ServerEventName,
  ServerEventPayloadMap,
  SessionReady,
} from '@derm/shared/contracts';
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import { AuthSession } from '../session/auth-session.service';
import { ConnectionStatus } from '@derm/portal/util';
import { RECONNECT_BACKOFF, REALTIME_SOCKET } from './realtime-socket';

export const ACK_TIMEOUT_MS = 10_000;
const REFUSALS: ReadonlySet<string> = new Set(HANDSHAKE_REFUSALS);

/**
 * The portal's real-time connection: follows the session (connect on login, disconnect on
 * logout), reconnects with backoff and jitter, and tells pages when to re-fetch over REST.
 */
@Injectable({ providedIn: 'root' })
export class ConnectionService {
  private readonly socket = inject(REALTIME_SOCKET);
  private readonly session = inject(AuthSession);

  private readonly statusState = signal<ConnectionStatus>({ state: 'idle' });
  private readonly statusSubject = new BehaviorSubject<ConnectionStatus>({ state: 'idle' });
  private readonly readySubject = new Subject<SessionReady>();
  private readonly resyncSubject = new Subject<SessionReady>();
  private wasReady = false;
  private restartTimer?: ReturnType<typeof setTimeout>;

  readonly status = this.statusState.asReadonly();
  readonly status$: Observable<ConnectionStatus> = this.statusSubject.asObservable();
  /** Every `session:ready`: the socket is authenticated and has joined its rooms. */
  readonly ready$: Observable<SessionReady> = this.readySubject.asObservable();
  /** A reconnection that did not recover missed events: data loaded over REST may be stale. */
  readonly resync$: Observable<SessionReady> = this.resyncSubject.asObservable();

  constructor() {
    this.listen();
    effect(() => {
      const userId = this.session.userId();
      untracked(() => {
        this.disconnect();
        this.wasReady = false;
        if (userId) this.connect();
      });
    });
    // A refreshed token extends the live connection instead of reconnecting it.
    effect(() => {
      const token = this.session.token();
      untracked(() => {
        if (token && this.socket.connected) void this.emit('session:refresh', { token });
      });
    });
  }

  connect(): void {
    if (!this.session.isAuthenticated() || this.socket.connected) return;
    this.update({ state: 'connecting', lastConnectedAt: this.status().lastConnectedAt });
    this.socket.connect();
  }

  disconnect(): void {
    clearTimeout(this.restartTimer);
    if (this.status().state === 'idle') return;
    this.socket.disconnect();
    this.update({ state: 'disconnected', lastConnectedAt: this.status().lastConnectedAt });
  }

  /** Try now rather than waiting for the next backoff step. */
  reconnect(): void {
    if (!this.session.isAuthenticated()) return;
    clearTimeout(this.restartTimer);
    this.socket.disconnect();
    this.update({ state: 'connecting', lastConnectedAt: this.status().lastConnectedAt });
    this.socket.connect();
  }

  /** A typed server → client event; the listener is removed when the last subscriber leaves. */
  on<K extends ServerEventName>(event: K): Observable<ServerEventPayloadMap[K]> {
    // Not ngx-socket-io's fromEvent: it is untyped and keeps a stale listener after resubscription.
    const emitter = this.socket as unknown as UntypedEmitter;
    return new Observable<ServerEventPayloadMap[K]>((subscriber) => {
      const listener = (payload: unknown) => subscriber.next(payload as ServerEventPayloadMap[K]);
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    });
  }

  /** Sends a command and resolves with its acknowledgement; never rejects. */
  async emit<K extends ClientCommandName>(
    command: K,
    payload: CommandPayload<K>,
  ): Promise<Ack<CommandResult<K>>> {
    if (!this.socket.connected) {
      return failure(`Not connected: ${command} was not sent.`);
    }
    const emitter = this.socket.ioSocket.timeout(ACK_TIMEOUT_MS) as unknown as UntypedEmitter;
    try {
      return (await emitter.emitWithAck(command, payload)) as Ack<CommandResult<K>>;
    } catch {
      return failure(`No acknowledgement for ${command} within ${ACK_TIMEOUT_MS / 1000} s.`);
    }
  }

  private listen(): void {
    const socket = this.socket;

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

    socket.on('session:expired', () => {
      this.update({ state: 'unauthorized', lastConnectedAt: this.status().lastConnectedAt });
      this.session.logout('expired');
    });

    socket.on('disconnect', (reason) => {
      const lastConnectedAt = this.status().lastConnectedAt;
      if (reason === 'io client disconnect' || this.status().state === 'unauthorized') return;
      if (reason === 'io server disconnect') {
        // Socket.IO does not retry after the server hangs up (e.g. a restart): start again
        // ourselves after a jittered delay; further failures then follow the normal backoff.
        this.update({ state: 'reconnecting', lastConnectedAt });
        this.restartTimer = setTimeout(() => {
          if (!this.session.isAuthenticated()) return;
          this.update({ state: 'reconnecting', attempt: 1, lastConnectedAt });
          socket.connect();
        }, jittered(RECONNECT_BACKOFF.reconnectionDelay));
        return;
      }
      this.update({ state: 'reconnecting', lastConnectedAt });
    });

    socket.on('connect_error', (error) => {
      const lastConnectedAt = this.status().lastConnectedAt;
      if (REFUSALS.has(error.message)) {
        this.update({ state: 'unauthorized', lastConnectedAt });
        if (error.message === 'TOKEN_EXPIRED') this.session.logout('expired');
        return;
      }
      if (!socket.active) this.update({ state: 'disconnected', lastConnectedAt });
    });

    socket.io.on('reconnect_attempt', (attempt) =>
      this.update({ state: 'reconnecting', attempt, lastConnectedAt: this.status().lastConnectedAt }),
    );
    socket.io.on('reconnect_failed', () =>
      this.update({ state: 'disconnected', lastConnectedAt: this.status().lastConnectedAt }),
    );

    // Back online: no point waiting out the backoff.
    window.addEventListener('online', () => {
      if (this.status().state === 'reconnecting') this.reconnect();
    });
  }

  private update(status: ConnectionStatus): void {
    this.statusState.set(status);
    this.statusSubject.next(status);
  }
}

interface UntypedEmitter {
  on(event: string, listener: (payload: unknown) => void): void;
  off(event: string, listener: (payload: unknown) => void): void;
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
}

function failure(message: string): { ok: false; error: { code: 'INTERNAL'; message: string } } {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function jittered(delay: number): number {
  const spread = delay * RECONNECT_BACKOFF.randomizationFactor;
  return delay - spread + Math.random() * 2 * spread;
}
