import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { from, mergeAll, Observable } from 'rxjs';
import { Server, type Socket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import type { MessageMappingProperties } from '@nestjs/websockets';
import {
  CommandDispatcher,
  MOST_RUNNING_PER_SOCKET,
  type PayloadMapper,
  type ResultTransform,
} from './command-dispatcher';

// What Nest's WebSocketsController passes to the adapter.
const nestTransform: ResultTransform = (result) =>
  from(Promise.resolve(result).then((value) => (value instanceof Observable ? value : from([value])))).pipe(mergeAll());

const splitAck: PayloadMapper = (args) => {
  const last = args[args.length - 1];
  return typeof last === 'function'
    ? {
        data: args.length === 2 ? args[0] : args.slice(0, -1),
        ack: last as (response: unknown) => void,
      }
    : { data: args.length === 1 ? args[0] : args };
};

describe('CommandDispatcher', () => {
  let server: Server;
  let client: ClientSocket;
  let serverSocket: Promise<Socket>;
  let calls: string[];
  let received: unknown[][];
  let stallStarted: () => void;

  const handlers: MessageMappingProperties[] = [
    {
      message: 'echo',
      methodName: 'echo',
      isAckHandledManually: false,
      callback: async (data: unknown) => ({ ok: true, data }),
    },
    {
      message: 'reply',
      methodName: 'reply',
      isAckHandledManually: false,
      callback: async () => ({ event: 'replied', data: { n: 1 } }),
    },
    {
      message: 'manual',
      methodName: 'manual',
      isAckHandledManually: true,
      // Acks after its result is out: a binding that acked the result would be heard first.
      callback: async (_data: unknown, ack: (response: unknown) => void) => {
        setImmediate(() => ack({ ok: true, by: 'handler' }));
        return { ok: true, by: 'binding' };
      },
    },
    {
      message: 'stall',
      methodName: 'stall',
      isAckHandledManually: false,
      callback: () =>
        new Observable(() => {
          calls.push('running');
          stallStarted();
          return () => calls.push('torn down');
        }),
    },
  ];

  beforeEach(async () => {
    calls = [];
    received = [];
    const http = createServer();
    server = new Server(http);
    const dispatcher = new CommandDispatcher<Socket>({
      mapPayload: splitAck,
      received: (packet) => received.push([...packet]),
      unknown: async (_socket, name, ack) => ack?.({ ok: false, unknown: name }),
      tooMany: (ack) => ack?.({ ok: false, tooMany: true }),
    });
    serverSocket = new Promise((resolve) =>
      server.on('connection', (socket) => {
        // Two gateways' handlers, as Nest binds them: one call per gateway.
        dispatcher.bind(socket, handlers.slice(0, 2), nestTransform);
        dispatcher.bind(socket, handlers.slice(2), nestTransform);
        // As Nest does, a handler bound to the socket it was made for.
        const whoami = {
          message: 'whoami',
          methodName: 'whoami',
          isAckHandledManually: false,
          callback: async () => ({ ok: true, socketId: socket.id }),
        };
        dispatcher.bind(socket, [whoami], nestTransform);
        resolve(socket);
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ['websocket'],
    });
    await serverSocket;
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  it('acks a command with what its handler returned', async () => {
    await expect(client.emitWithAck('echo', { text: 'hi' })).resolves.toEqual({
      ok: true,
      data: { text: 'hi' },
    });
  });

  it('emits `{ event, data }` results as an event rather than an ack', async () => {
    const replied = new Promise((resolve) => client.once('replied', resolve));
    client.emit('reply', {}, () => calls.push('acked'));
    await expect(replied).resolves.toEqual({ n: 1 });
    expect(calls).toEqual([]);
  });

  it('leaves the ack to a handler that takes it, and never acks in its place', async () => {
    const acks: unknown[] = [];
    await new Promise<void>((resolve) =>
      client.emit('manual', {}, (response: unknown) => {
        acks.push(response);
        resolve();
      }),
    );
    expect(acks).toEqual([{ ok: true, by: 'handler' }]);
  });

  it('drops a command still running when its socket disconnects', async () => {
    const running = new Promise<void>((resolve) => (stallStarted = resolve));
    client.emit('stall', {});
    await running;
    const socket = await serverSocket;
    // Registered after the binding's own disconnect listener, so it runs after it.
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.disconnect(true);
    await disconnected;
    expect(calls).toEqual(['running', 'torn down']);
  });

  it(`answers at once, through the tooMany hook, a command past ${MOST_RUNNING_PER_SOCKET} running on its socket`, async () => {
    let started = 0;
    const allRunning = new Promise<void>(
      (resolve) => (stallStarted = () => ++started === MOST_RUNNING_PER_SOCKET && resolve()),
    );
    for (let i = 0; i < MOST_RUNNING_PER_SOCKET; i++) client.emit('stall', {});
    await allRunning;

    await expect(client.emitWithAck('echo', {})).resolves.toEqual({ ok: false, tooMany: true });
    await expect(client.emitWithAck('made:up', {})).resolves.toEqual({ ok: false, tooMany: true });
    expect(calls.filter((call) => call === 'running')).toHaveLength(MOST_RUNNING_PER_SOCKET);
  });

  it('answers a name no gateway handles through the unknown hook, after `received` saw it', async () => {
    await expect(client.emitWithAck('made:up', { x: 1 })).resolves.toEqual({ ok: false, unknown: 'made:up' });
    expect(received.map(([name]) => name)).toEqual(['made:up']);
  });

  it('serves every socket and gateway from one listener', async () => {
    const other = io(`http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`, {
      transports: ['websocket'],
    });
    try {
      await expect(other.emitWithAck('echo', 'second')).resolves.toEqual({ ok: true, data: 'second' });
      const [first, second] = [...server.of('/').sockets.values()];
      expect(first.listenersAny()).toHaveLength(1);
      expect(second.listenersAny()).toEqual(first.listenersAny());
      expect(first.eventNames()).not.toContain('echo');
    } finally {
      other.close();
    }
  });

  it("runs a command with the handler bound to the sending socket, never another socket's", async () => {
    const other = io(`http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`, {
      transports: ['websocket'],
    });
    try {
      await new Promise<void>((resolve) => other.once('connect', () => resolve()));
      const [mine, theirs] = await Promise.all([client.emitWithAck('whoami'), other.emitWithAck('whoami')]);
      expect(mine).toEqual({ ok: true, socketId: client.id });
      expect(theirs).toEqual({ ok: true, socketId: other.id });
      expect(client.id).not.toBe(other.id);
    } finally {
      other.close();
    }
  });
});
