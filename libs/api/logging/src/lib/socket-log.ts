import { Logger } from '@nestjs/common';

/** What the log says of a socket: ids only, never its token or what it sends. */
export interface LoggedSocket {
  id: string;
  recovered: boolean;
  data: { userId?: string; tenantId?: string } | undefined;
  conn: { transport: { name: string } };
  on(event: 'disconnect', listener: (this: LoggedSocket, reason: string) => void): unknown;
}

const logger = new Logger('Sockets');

const idsOf = (socket: LoggedSocket) => ({
  socketId: socket.id,
  userId: socket.data?.userId,
  tenantId: socket.data?.tenantId,
});

/** One listener for every socket: Node calls it with the socket as `this`. */
function logDisconnect(this: LoggedSocket, reason: string): void {
  logger.log({ msg: 'Socket disconnected', ...idsOf(this), reason });
}

/** One line when a socket is admitted and one when it goes, with its id and whose it is. */
export function logSocketLifecycle(socket: LoggedSocket): void {
  logger.log({
    msg: 'Socket connected',
    ...idsOf(socket),
    transport: socket.conn.transport.name,
    recovered: socket.recovered,
  });
  socket.on('disconnect', logDisconnect);
}
