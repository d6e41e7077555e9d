import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable, Subscription } from 'rxjs';
import { onDisconnect } from './disconnect-hooks';

/** What the binding needs of a Socket.IO socket: a narrow view, which the specs can stand in for. */
export interface CommandSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
  emit(event: string, data: unknown): unknown;
}

/** Nest's `WebSocketsController` hands this to the adapter: a handler's result as a stream. */
export type ResultTransform = (result: unknown) => Observable<unknown>;

/** How the adapter splits a listener's arguments into the command's payload and its ack. */
export type PayloadMapper = (args: unknown[]) => {
  data?: unknown;
  ack?: (response: unknown) => void;
};

/** The commands still running on a socket; made when its first command runs, since most sockets never send one. */
const runningOn = new WeakMap<CommandSocket, Set<Subscription>>();

/** Keeps a running command until it completes, or drops it when its socket disconnects first. */
function track(socket: CommandSocket, subscription: Subscription): void {
  const running = runningOn.get(socket) ?? startTracking(socket);
  running.add(subscription);
  subscription.add(() => running.delete(subscription));
}

function startTracking(socket: CommandSocket): Set<Subscription> {
  const running = new Set<Subscription>();
  runningOn.set(socket, running);
  onDisconnect(socket, () => {
    for (const command of running) command.unsubscribe();
    running.clear();
  });
  return running;
}

/**
 * Binds every command of a gateway to a socket with one plain listener each, instead of Nest's
 * default of one RxJS pipeline per socket and command that lives as long as the socket (about
 * 45 KiB per socket with eleven commands). The pipeline Nest needs to run a command (guards,
 * pipes, exception filters, the ack) is built only while that command runs, and a command still
 * running when its socket disconnects is dropped, as Nest's own binding does.
 */
export function bindCommandListeners(
  socket: CommandSocket,
  handlers: MessageMappingProperties[],
  transform: ResultTransform,
  mapPayload: PayloadMapper,
): void {
  for (const { message, callback, isAckHandledManually } of handlers) {
    socket.on(String(message), (...args: unknown[]) => {
      const { data, ack } = mapPayload(args);
      const subscription = transform(callback(data, ack)).subscribe((response) =>
        respond(socket, response, ack, isAckHandledManually),
      );
      if (!subscription.closed) track(socket, subscription);
    });
  }
}

function respond(
  socket: CommandSocket,
  response: unknown,
  ack: ((response: unknown) => void) | undefined,
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
