import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { eventually } from '@derm/shared/test-client';
import { SingleNodeAdapter } from './single-node-adapter';

/** What a client hears, with every argument Socket.IO hands its listener (a recovery offset comes last). */
interface Heard {
  event: string;
  args: unknown[];
}

/** In order: its own packet, the clinic's broadcast, the one missed while away, its own packet again. */
const HEARD_ACROSS_A_RECOVERY = [
  ['own', { recovered: false }],
  ['shared', { n: 1 }],
  ['shared', { n: 2 }],
  ['own', { recovered: true }],
];

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
    const client = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    });
    clients.push(client);
    client.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));
    return client;
  }

  const heardOf = (heard: Heard[], event: string) => heard.filter((entry) => entry.event === event);
  const until = (description: string, condition: () => boolean) =>
    eventually(description, async () => condition(), 4000);

  /** A connected client that has heard its own packet and one broadcast to the clinic. */
  async function connectAndHearTheClinic(heard: Heard[]): Promise<ClientSocket> {
    const client = connect(heard);
    await until('its own packet', () => heardOf(heard, 'own').length === 1);
    server.to('clinic').emit('shared', { n: 1 });
    await until('the clinic broadcast', () => heardOf(heard, 'shared').length === 1);
    return client;
  }

  /** Drops the client's transport (the server keeps its session) and waits until it has recovered. */
  async function dropAndRecover(client: ClientSocket, heard: Heard[], whileAway: () => void): Promise<void> {
    const [socket] = await server.fetchSockets();
    (socket as unknown as Socket).conn.close();
    await until('the drop', () => !client.connected);
    whileAway();
    await until('the recovery', () => client.recovered && heardOf(heard, 'own').length === 2);
  }

  it("keeps a room's broadcast for recovery, and not a connection's own packet", async () => {
    const heard: Heard[] = [];
    const client = await connectAndHearTheClinic(heard);

    const [own] = heardOf(heard, 'own');
    const [shared] = heardOf(heard, 'shared');
    expect(own.args).toEqual([{ recovered: false }]);
    expect(shared.args).toEqual([{ n: 1 }, expect.any(String)]);
    expect(client.connected).toBe(true);
  });

  it("replays to a recovering connection the room's broadcasts it missed, once, and no stale packet of its own", async () => {
    const heard: Heard[] = [];
    const client = await connectAndHearTheClinic(heard);

    await dropAndRecover(client, heard, () => server.to('clinic').emit('shared', { n: 2 }));
    await until('the missed broadcast', () => heardOf(heard, 'shared').length === 2);

    expect(heard.map(({ event, args }) => [event, args[0]])).toEqual(HEARD_ACROSS_A_RECOVERY);
  });

  it("replays nothing of another room, nor another connection's own packets, to a recovering connection", async () => {
    const heard: Heard[] = [];
    const client = await connectAndHearTheClinic(heard);

    await dropAndRecover(client, heard, () => {
      server.to('another-clinic').emit('shared', { n: 'another clinic' });
      server.of('/').local.to('another-socket').emit('own', { recovered: false });
      server.to('clinic').emit('shared', { n: 2 });
    });
    await until('the missed broadcast', () => heardOf(heard, 'shared').length === 2);

    expect(heard.map(({ event, args }) => [event, args[0]])).toEqual(HEARD_ACROSS_A_RECOVERY);
  });
});
