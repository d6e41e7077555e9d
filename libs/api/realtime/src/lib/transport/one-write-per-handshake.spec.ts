import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { eventually } from '@derm/shared/test-client';
import { oneWritePerHandshake } from './one-write-per-handshake';

/** Counts the writes a TCP socket hands to the kernel: Node's `_write` and `_writev` of a net.Socket. */
function countWrites(tcp: TcpSocket): { count: number } {
  const counter = { count: 0 };
  const stream = tcp as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
  for (const method of ['_write', '_writev'] as const) {
    const original = stream[method].bind(tcp);
    stream[method] = (...args: unknown[]) => {
      counter.count++;
      original(...args);
    };
  }
  return counter;
}

describe('oneWritePerHandshake', () => {
  let http: HttpServer;
  let server: Server;
  let url: string;
  let writes: { count: number }[];
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    writes = [];
    http = createServer();
    http.on('upgrade', (_request, tcp: TcpSocket) => writes.push(countWrites(tcp)));
    server = new Server(http);
    oneWritePerHandshake(server);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await server.close();
  });

  function connect(transport: 'websocket' | 'polling', heard: string[]): ClientSocket {
    const client = io(url, { transports: [transport], forceNew: true, reconnection: false });
    clients.push(client);
    client.onAny((event: string) => heard.push(event));
    return client;
  }

  const heardAll = (heard: string[], count: number) =>
    eventually(`${count} events heard`, async () => heard.length >= count, 4000);

  it('sends a connection its CONNECT and the packets of the same turn in one TCP write, in order', async () => {
    let writesAtConnection = -1;
    server.on('connection', (socket: Socket) => {
      writesAtConnection = writes[0].count;
      socket.emit('first');
      socket.emit('second');
      socket.emit('third');
    });
    const heard: string[] = [];
    connect('websocket', heard);
    await heardAll(heard, 3);
    expect(heard).toEqual(['first', 'second', 'third']);
    expect(writes).toHaveLength(1);
    expect(writes[0].count - writesAtConnection).toBe(1);
  });

  it('writes at once after the handshake, so that a broadcast is not held back until it has reached every socket', async () => {
    const writesDuringEmit: number[] = [];
    server.on('connection', (socket: Socket) => {
      setTimeout(() => {
        const before = writes[0].count;
        socket.emit('later');
        writesDuringEmit.push(writes[0].count - before);
        socket.emit('later');
      }, 10);
    });
    const heard: string[] = [];
    connect('websocket', heard);
    await heardAll(heard, 2);
    expect(heard).toEqual(['later', 'later']);
    expect(writesDuringEmit).toEqual([1]);
  });

  it('delivers what was sent just before the server closes the connection, then closes it', async () => {
    server.on('connection', (socket: Socket) => {
      socket.emit('goodbye');
      socket.disconnect(true);
    });
    const heard: string[] = [];
    const client = connect('websocket', heard);
    const reason = await new Promise<string>((resolve) => client.on('disconnect', resolve));
    expect(heard).toEqual(['goodbye']);
    expect(reason).toBe('io server disconnect');
  });

  it('still delivers over long-polling, where there is no TCP socket of its own to cork', async () => {
    server.on('connection', (socket: Socket) => {
      socket.emit('first');
      socket.emit('second');
    });
    const heard: string[] = [];
    connect('polling', heard);
    await heardAll(heard, 2);
    expect(heard).toEqual(['first', 'second']);
    expect(writes).toHaveLength(0);
  });
});
