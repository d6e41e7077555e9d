import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { SingleNodeAdapter } from './single-node-adapter';

/** What a client hears, with every argument Socket.IO hands its listener (a recovery offset comes last). */
interface Heard {
  event: string;
  args: unknown[];
}

describe('SingleNodeAdapter', () => {
  let server: Server;
  let url: string;
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    const http = createServer();
    server = new Server(http, {
      adapter: SingleNodeAdapter,
      connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
    });
    server.on('connection', (socket: Socket) => {
      void socket.join('clinic');
      server.of('/').local.to(socket.id).emit('own', { recovered: socket.recovered });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await server.close();
  });

  function connect(heard: Heard[]): ClientSocket {
    const client = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 50 });
    clients.push(client);
    client.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));
    return client;
  }

  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (condition() ? resolve() : setTimeout(check, 5));
      check();
    });

  it("keeps a room's broadcast for recovery, and not a connection's own packet", async () => {
    const heard: Heard[] = [];
    const client = connect(heard);
    await until(() => heard.some(({ event }) => event === 'own'));
    server.to('clinic').emit('shared', { n: 1 });
    await until(() => heard.some(({ event }) => event === 'shared'));

    const own = heard.find(({ event }) => event === 'own');
    const shared = heard.find(({ event }) => event === 'shared');
    expect(own?.args).toEqual([{ recovered: false }]);
    expect(shared?.args).toEqual([{ n: 1 }, expect.any(String)]);
    expect(client.connected).toBe(true);
  });

  it("replays to a recovering connection the room's broadcasts it missed, once, and no stale packet of its own", async () => {
    const heard: Heard[] = [];
    const client = connect(heard);
    await until(() => heard.some(({ event }) => event === 'own'));
    server.to('clinic').emit('shared', { n: 1 });
    await until(() => heard.some(({ event }) => event === 'shared'));

    // The transport drops; while it is away the clinic hears one more broadcast.
    const [socket] = await server.fetchSockets();
    (socket as unknown as Socket).conn.close();
    await until(() => !client.connected);
    server.to('clinic').emit('shared', { n: 2 });
    await until(() => client.recovered && heard.filter(({ event }) => event === 'own').length === 2);
    await until(() => heard.filter(({ event }) => event === 'shared').length === 2);

    expect(heard.map(({ event, args }) => [event, args[0]])).toEqual([
      ['own', { recovered: false }],
      ['shared', { n: 1 }],
      ['shared', { n: 2 }],
      ['own', { recovered: true }],
    ]);
  });
});
