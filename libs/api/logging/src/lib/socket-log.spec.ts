import { EventEmitter } from 'node:events';
import { PinoLogger } from 'nestjs-pino';
import { REDACTED, REDACTED_PATHS } from './log-redaction';
import { LoggedSocket, SocketLog } from './socket-log';

describe('SocketLog', () => {
  const lines: Record<string, unknown>[] = [];
  const pino = new PinoLogger({
    pinoHttp: [
      { level: 'info', redact: { paths: REDACTED_PATHS, censor: REDACTED } },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    ],
  });

  beforeEach(() => (lines.length = 0));

  function socket(id: string, userId: string): LoggedSocket & EventEmitter {
    return Object.assign(new EventEmitter(), {
      id,
      recovered: false,
      data: { userId, tenantId: 'clinic-1' },
      conn: { transport: { name: 'websocket' } },
    });
  }

  it("writes one line when each socket connects and one when it goes, each with that socket's ids", () => {
    const log = new SocketLog(pino);
    const first = socket('s1', 'u1');
    const second = socket('s2', 'u2');
    log.connected(first);
    log.connected(second);
    second.emit('disconnect', 'transport close');
    first.emit('disconnect', 'client namespace disconnect');

    expect(lines).toEqual([
      expect.objectContaining({ context: 'Sockets', msg: 'Socket connected', socketId: 's1', userId: 'u1' }),
      expect.objectContaining({ msg: 'Socket connected', socketId: 's2', userId: 'u2', tenantId: 'clinic-1' }),
      expect.objectContaining({ msg: 'Socket disconnected', socketId: 's2', userId: 'u2', reason: 'transport close' }),
      expect.objectContaining({ msg: 'Socket disconnected', socketId: 's1', reason: 'client namespace disconnect' }),
    ]);
    expect(lines[0]).toMatchObject({ level: 30, transport: 'websocket', recovered: false });
  });

  it("leaves the other lines' redaction in place", () => {
    new SocketLog(pino).connected(socket('s3', 'u3'));
    pino.info({ msg: 'Other line', auth: { token: 'secret-token' } });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ msg: 'Other line', auth: { token: REDACTED } });
  });
});
