import { Logger } from '@nestjs/common';

/** What the log says of a socket: ids only, never its token or what it sends. */
export interface LoggedSocket {
  id: string;
  recovered: boolean;
  data: { userId?: string; tenantId?: string } | undefined;
  conn: { transport: { name: string } };
  once(event: 'disconnect', listener: (reason: string) => void): unknown;
}

const logger = new Logger('Sockets');

/** One line when a socket is admitted and one when it goes, with its id and whose it is. */
export function logSocketLifecycle(socket: LoggedSocket): void {
  const ids = { socketId: socket.id, userId: socket.data?.userId, tenantId: socket.data?.tenantId };
  logger.log({
    msg: 'Socket connected',
    ...ids,
    transport: socket.conn.transport.name,
    recovered: socket.recovered,
  });
  socket.once('disconnect', (reason) => logger.log({ msg: 'Socket disconnected', ...ids, reason }));
}
