/** What the hooks need of a Socket.IO socket. */
export interface DisconnectingSocket {
  readonly connected: boolean;
  on(event: 'disconnect', listener: () => void): unknown;
}

const hooksOf = new WeakMap<DisconnectingSocket, (() => void)[]>();

/** One listener for every socket: Node calls it with the socket as `this`. */
function runHooks(this: DisconnectingSocket): void {
  const hooks = hooksOf.get(this);
  hooksOf.delete(this);
  hooks?.forEach((run) => run());
}

/**
 * Runs `hook` once the socket disconnects. Every gateway binds its own disconnect handling and its
 * commands' clean-up; sharing one listener keeps that to one per socket whatever the number of
 * gateways (Node warns of a leak past ten), with no closure of its own, and runs the hooks in the
 * order bound; on a socket that has already disconnected, at once.
 */
export function onDisconnect(socket: DisconnectingSocket, hook: () => void): void {
  // Closed before the gateways bound their hooks (a sign-out applied by an earlier `connection`
  // listener): its `disconnect` has gone by, and each gateway's own clean-up (presence above all)
  // would never run. It runs now, after what the gateway began at the connection.
  if (!socket.connected) {
    queueMicrotask(hook);
    return;
  }
  const hooks = hooksOf.get(socket);
  if (hooks) {
    hooks.push(hook);
    return;
  }
  hooksOf.set(socket, [hook]);
  socket.on('disconnect', runHooks);
}
