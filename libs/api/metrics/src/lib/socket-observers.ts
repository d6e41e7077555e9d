import type { ExtendedError } from 'socket.io';
import type { IncomingMessage } from 'node:http';
import type { RefusedSocket } from './activity/refusal-attribution';
import type { RequestRefusal } from './labels';
import type { RealtimeMetrics } from './realtime-metrics.service';

type Next = (error?: ExtendedError) => void;
type Middleware<S> = (socket: S, next: Next) => void;
export type AllowRequest = (
  request: IncomingMessage,
  callback: (error: string | null | undefined, success: boolean) => void,
) => void;
type Packet = unknown[];

/** The handshake middleware, counting each outcome: accepted, or the refusal's code (and whose it was). */
export function observeHandshake<S extends RefusedSocket>(
  middleware: Middleware<S>,
  metrics: RealtimeMetrics,
): Middleware<S> {
  return (socket, next) =>
    middleware(socket, (error) => {
      metrics.handshake(error ? ((error.data as { code?: unknown } | undefined)?.code ?? null) : undefined, socket);
      next(error);
    });
}

/** One of Engine.IO's request checks (`allowRequest`), counting what it refuses, before any Socket.IO handshake, as `refusal`. */
export function observeRequestCheck(
  allowRequest: AllowRequest,
  refusal: RequestRefusal,
  metrics: RealtimeMetrics,
): AllowRequest {
  return (request, callback) =>
    allowRequest(request, (error, success) => {
      if (!success) metrics.handshake(refusal);
      callback(error, success);
    });
}

/**
 * Times an incoming command (`[name, ...args]`) until its ack, by wrapping the ack in place. The
 * command dispatcher calls it before anything else, so it sees what a Nest interceptor cannot:
 * commands refused by the guards (which run before interceptors) and names no gateway handles.
 */
export function timeCommand(metrics: RealtimeMetrics, packet: Packet): void {
  const [name] = packet;
  const acknowledged = metrics.commandReceived(String(name));
  const last = packet.length - 1;
  const ack = packet[last];
  if (last > 0 && typeof ack === 'function') {
    packet[last] = (...args: unknown[]) => {
      acknowledged(args[0]);
      return ack(...args);
    };
  }
}
