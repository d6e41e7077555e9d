/** What the hooks need of a Socket.IO socket. */
export interface DisconnectingSocket {
  once(event: 'disconnect', listener: () => void): unknown;
}

const hooksOf = new WeakMap<DisconnectingSocket, (() => void)[]>();

/**
 * Runs `hook` once the socket disconnects. Every gateway binds its own disconnect handling and its
 * commands' clean-up; sharing one listener per socket keeps that to one listener whatever the
 * number of gateways (Node warns of a leak past ten), and runs the hooks in the order bound.
 */
export function onDisconnect(socket: DisconnectingSocket, hook: () => void): void {
  const hooks = hooksOf.get(socket);
  if (hooks) {
    hooks.push(hook);
    return;
  }
  const first = [hook];
  hooksOf.set(socket, first);
  socket.once('disconnect', () => first.forEach((run) => run()));
}
