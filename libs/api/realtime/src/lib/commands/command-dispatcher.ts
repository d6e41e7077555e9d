import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, type Observable, type Subscription } from 'rxjs';
import { DisconnectingSocket, onDisconnect } from './disconnect-hooks';

/** What the dispatcher needs of a Socket.IO socket: a narrow view, which the specs can stand in for. */
export interface CommandSocket extends DisconnectingSocket {
  /** Socket.IO calls a catch-all listener with the socket as `this`, so one listener serves every socket. */
  onAny(listener: (...packet: unknown[]) => void): unknown;
  emit(event: string, data: unknown): unknown;
}

/** Nest's `WebSocketsController` hands this to the adapter: a handler's result as a stream. */
export type ResultTransform = (result: unknown) => Observable<unknown>;

/** How the adapter splits a command's arguments into its payload and its ack. */
export type PayloadMapper = (args: unknown[]) => {
  data?: unknown;
  ack?: (response: unknown) => void;
};

type Ack = (response: unknown) => void;

/**
 * Commands running on one socket at most, refusals being held included; past them the next is
 * answered at once, so a client sending without waiting for answers cannot pile them up in memory.
 */
export const MOST_RUNNING_PER_SOCKET = 32;

export interface CommandDispatch<S extends CommandSocket> {
  /** Splits a command's arguments into payload and ack (the adapter's `mapPayload`). */
  mapPayload: PayloadMapper;
  /** Called first with every incoming packet (`[name, ...args]`); may replace its ack in place. */
  received(packet: unknown[]): void;
  /** Answers a name no gateway handles; settles once it has. */
  unknown(socket: S, name: string, ack: Ack | undefined): Promise<void>;
  /** Answers, at once, a command past MOST_RUNNING_PER_SOCKET. */
  tooMany(ack: Ack | undefined): void;
}

/**
 * Runs every gateway's commands on a socket from one catch-all listener shared by all sockets,
 * instead of Nest's default of one RxJS pipeline per socket and command (about 45 KiB per socket
 * with eleven commands) or a listener per socket and command (about 3 KiB). What a socket keeps is
 * what Nest hands over for it: each gateway's handlers, bound to that socket. The pipeline Nest
 * needs to run a command (guards, pipes, exception filters, the ack) is built only while that
 * command runs, and a command still running when its socket disconnects is dropped, as Nest's own
 * binding does.
 */
export class CommandDispatcher<S extends CommandSocket> {
  private readonly handlersOf = new WeakMap<S, MessageMappingProperties[][]>();
  /** The commands still running on a socket; made when its first command runs, since most sockets never send one. */
  private readonly runningOn = new WeakMap<S, Set<Subscription>>();
  /**
   * Nest passes every gateway the same transform (its `pickResult`: a value, promise or
   * observable as a stream), made anew for each socket; one is kept for all.
   */
  private transform?: ResultTransform;
  private readonly listener: (this: S, ...packet: unknown[]) => void;

  constructor(private readonly dispatch: CommandDispatch<S>) {
    const run = (socket: S, packet: unknown[]) => this.run(socket, packet);
    this.listener = function (this: S, ...packet: unknown[]) {
      run(this, packet);
    };
  }

  /** Adds one gateway's handlers for a socket (Nest calls this per gateway and connection). */
  bind(socket: S, handlers: MessageMappingProperties[], transform: ResultTransform): void {
    this.transform ??= transform;
    const bound = this.handlersOf.get(socket);
    if (bound) {
      bound.push(handlers);
      return;
    }
    this.handlersOf.set(socket, [handlers]);
    socket.onAny(this.listener);
  }

  private run(socket: S, packet: unknown[]): void {
    this.dispatch.received(packet);
    const [name, ...args] = packet;
    const handler = this.handlerOf(socket, String(name));
    const { data, ack } = this.dispatch.mapPayload(args);
    if ((this.runningOn.get(socket)?.size ?? 0) >= MOST_RUNNING_PER_SOCKET) {
      this.dispatch.tooMany(ack);
      return;
    }
    if (!handler || !this.transform) {
      this.track(socket, from(this.dispatch.unknown(socket, String(name), ack)).subscribe());
      return;
    }
    const { callback, isAckHandledManually } = handler;
    const subscription = this.transform(callback(data, ack)).subscribe((response) =>
      respond(socket, response, ack, isAckHandledManually),
    );
    this.track(socket, subscription);
  }

  private handlerOf(socket: S, name: string): MessageMappingProperties | undefined {
    for (const handlers of this.handlersOf.get(socket) ?? []) {
      const handler = handlers.find(({ message }) => message === name);
      if (handler) return handler;
    }
    return undefined;
  }

  /** Keeps a running command until it completes, or drops it when its socket disconnects first. */
  private track(socket: S, subscription: Subscription): void {
    if (subscription.closed) return;
    const running = this.runningOn.get(socket) ?? this.startTracking(socket);
    running.add(subscription);
    subscription.add(() => running.delete(subscription));
  }

  private startTracking(socket: S): Set<Subscription> {
    const running = new Set<Subscription>();
    this.runningOn.set(socket, running);
    onDisconnect(socket, () => {
      for (const command of running) command.unsubscribe();
      running.clear();
    });
    return running;
  }
}

function respond(
  socket: CommandSocket,
  response: unknown,
  ack: Ack | undefined,
  isAckHandledManually: boolean | undefined,
): void {
  if (response === null || response === undefined) return;
  const { event, data } = response as { event?: string; data?: unknown };
  if (event) {
    socket.emit(event, data);
    return;
  }
  if (!isAckHandledManually) ack?.(response);
}
