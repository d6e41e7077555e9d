import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { AuthenticatedSession, SessionChecker, TokenRejectedError } from '@derm/api/auth';
import type { DomainEvents } from '@derm/api/events';
import { rooms } from '../broadcast/rooms';
import type { RealtimeServer } from '../realtime-socket';
import { HandshakeAuthenticator } from './handshake-authenticator.service';
import { bindRecoveryToIdentity } from './identity-bound-recovery';
import { RecoveredRooms } from './recovered-rooms.service';

const people: Record<string, AuthenticatedSession> = {
  'token-ada': {
    user: { userId: 'ada', tenantId: 't1', role: 'nurse', name: 'Ada' },
    session: { sessionId: 'sid-ada', authTime: 1 },
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    changesSeen: 0,
  },
  'token-bo': {
    user: { userId: 'bo', tenantId: 't2', role: 'nurse', name: 'Bo' },
    session: { sessionId: 'sid-bo', authTime: 1 },
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    changesSeen: 0,
  },
};

/** Private fields of socket.io-client 4.8 that it sends back to recover its session. */
interface RecoverableClient {
  _pid?: string;
  _lastOffset?: string;
}

describe('bindRecoveryToIdentity with the handshake middleware', () => {
  let server: RealtimeServer;
  let url: string;
  let checked: string[];
  /** Rooms a recovering session may not have back, as a domain's check would say. */
  let forbiddenRooms: string[];
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    checked = [];
    forbiddenRooms = [];
    const sessions = {
      authenticate: async (token: string) => {
        checked.push(token);
        const verified = people[token];
        if (!verified) throw new TokenRejectedError('UNAUTHORIZED', 'Unknown token');
        return verified;
      },
      changedSince: () => false,
    } as unknown as SessionChecker;
    const authenticator = new HandshakeAuthenticator(sessions, { publish: () => undefined } as unknown as DomainEvents);
    const http = createServer();
    server = new Server(http, {
      connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
    });
    const recoveredRooms = new RecoveredRooms();
    recoveredRooms.check((_, held) => !held.some((room) => forbiddenRooms.includes(room)));
    bindRecoveryToIdentity(server.of('/'), authenticator, recoveredRooms);
    server.use(authenticator.middleware);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await server.close();
  });

  /** A client whose every event is heard from the start, so restored packets are not missed. */
  const connect = async (auth: Record<string, unknown>) => {
    const client = io(url, { auth, transports: ['websocket'], reconnection: false });
    clients.push(client);
    // Each event with its first argument (recovery appends the packet's offset after it).
    const heard: [string, unknown][] = [];
    client.onAny((event: string, payload?: unknown) => heard.push([event, payload]));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    return { client, heard };
  };

  const reconnect = (client: ClientSocket) =>
    new Promise<void>((resolve) => {
      client.once('connect', resolve);
      client.connect();
    });

  /** Events of this test only, which the contract's typed server does not know. */
  const toAda = () => (server as unknown as Server).to(rooms.user('t1', 'ada'));

  /**
   * Drops Ada's transport once she has heard a packet, and sends her a packet while she is away: her
   * session holds it. She hears presence one signal per person, as the presence gateway would have her.
   */
  const adaAway = async (extraRooms: string[] = []) => {
    const { client: ada, heard } = await connect({ token: 'token-ada' });
    await server.in(ada.id ?? '').socketsJoin([rooms.presence('t1', 'each'), ...extraRooms]);
    // A session is recoverable from the offset of the last packet its client received.
    const greeted = new Promise((resolve) => ada.once('hello', resolve));
    toAda().emit('hello');
    await greeted;
    heard.length = 0;
    const serverSide = server.of('/').sockets.get(ada.id ?? '');
    const gone = new Promise((resolve) => serverSide?.once('disconnect', resolve));
    ada.io.engine.close();
    await gone;
    toAda().emit('missed', 'for Ada only');
    const { _pid: pid, _lastOffset: offset } = ada as unknown as RecoverableClient;
    return { ada, heard, pid, offset };
  };

  it('checks the token of a recovering handshake once, and restores the session to its owner', async () => {
    const { ada, heard } = await adaAway();
    checked = [];

    await reconnect(ada);

    expect(ada.recovered).toBe(true);
    expect(heard).toEqual([['missed', 'for Ada only']]);
    expect(checked).toEqual(['token-ada']);
  });

  it('restores a session to one socket: presented again while that socket is open, it gives a new socket', async () => {
    const { ada, pid, offset } = await adaAway();
    await reconnect(ada);
    expect(ada.recovered).toBe(true);

    const { client: again, heard } = await connect({ token: 'token-ada', pid, offset });

    expect(again.recovered).toBe(false);
    expect(again.id).not.toBe(ada.id);
    expect(heard).toEqual([]);
    expect(server.of('/').sockets.get(ada.id ?? '')?.connected).toBe(true);
  });

  it("gives another clinic's person presenting that session a new socket with nothing of it, checked once", async () => {
    const { ada, heard: heardByAda, pid, offset } = await adaAway();
    checked = [];

    const { client: bo, heard } = await connect({ token: 'token-bo', pid, offset });
    const inAdasRoom = await server.in(rooms.user('t1', 'ada')).fetchSockets();

    expect(bo.recovered).toBe(false);
    expect(heard).toEqual([]);
    expect(inAdasRoom).toEqual([]);
    expect(checked).toEqual(['token-bo']);

    // The session is still Ada's to recover.
    await reconnect(ada);
    expect(ada.recovered).toBe(true);
    expect(heardByAda).toEqual([['missed', 'for Ada only']]);
  });

  it('gives its owner a new socket with nothing of it when a room it held is no longer theirs', async () => {
    const threadRoom = rooms.thread('t1', 'th');
    const { ada, heard } = await adaAway([threadRoom]);
    // She left that thread while away: neither its room nor what she missed is given back.
    forbiddenRooms = [threadRoom];

    await reconnect(ada);
    const inThread = await server.in(threadRoom).fetchSockets();

    expect(ada.recovered).toBe(false);
    expect(heard).toEqual([]);
    expect(inThread).toEqual([]);
  });

  it('gives its owner a new socket with nothing of it when she asks to hear presence the other way', async () => {
    const { ada, heard } = await adaAway();
    // Restored, the socket would be in both presence rooms, and hear every change twice.
    ada.auth = { token: 'token-ada', presence: 'batched' };

    await reconnect(ada);
    const inTheOtherWay = await server.in(rooms.presence('t1', 'each')).fetchSockets();

    expect(ada.recovered).toBe(false);
    expect(heard).toEqual([]);
    expect(inTheOtherWay).toEqual([]);
  });

  it('refuses an unknown token presenting that session, checked once', async () => {
    const { pid, offset } = await adaAway();
    checked = [];

    await expect(connect({ token: 'token-mallory', pid, offset })).rejects.toMatchObject({ message: 'UNAUTHORIZED' });
    expect(checked).toEqual(['token-mallory']);
  });
});
