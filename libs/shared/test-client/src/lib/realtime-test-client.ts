import { io, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import {
  Ack,
  ClientCommandName,
  ClientToServerEvents,
  CommandPayload,
  CommandResult,
  HandshakeErrorData,
  LoginResponse,
  ServerEventName,
  ServerEventPayloadMap,
  ServerToClientEvents,
  SessionReady,
} from '@derm/shared/contracts';
import { login, RestClient } from './rest-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectOptions = Partial<ManagerOptions & SocketOptions>;

interface Received {
  event: string;
  payload: unknown;
  consumed: boolean;
}
interface Waiter {
  event: string;
  predicate: (payload: never) => boolean;
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
}

/** How much of each payload a failure message quotes, and how many of them. */
const QUOTED_PAYLOAD_CHARS = 1000;
const QUOTED_PAYLOADS = 3;

/** What a refused handshake looked like to the client. */
export interface HandshakeRefused {
  message: string;
  data?: HandshakeErrorData;
}

/**
 * A real Socket.IO client for test suites, typed from the contract. It records every event from
 * the moment it connects, so a `waitFor` issued after the event arrived still finds it.
 */
export class RealtimeTestClient {
  private readonly log: Received[] = [];
  private readonly waiters = new Set<Waiter>();
  /** Why this socket will receive nothing more (closed, or disconnected for good). */
  private ended?: string;
  private disconnects = 0;
  /** The latest `session:ready`: after a reconnect, the new handshake's (`recovered` or not). */
  ready!: SessionReady;

  private constructor(readonly socket: ClientSocket) {
    socket.onAny((event: string, payload: unknown) => this.record(event, payload));
    socket.on('session:ready', (ready) => (this.ready = ready));
    socket.on('disconnect', (reason) => {
      this.disconnects++;
      // A socket that will not reconnect can never deliver what is still awaited.
      if (!(socket.active && socket.io.reconnection())) this.end(`the socket was disconnected (${reason})`);
    });
  }

  /** Connects with `auth: { token }` and resolves on `session:ready`. */
  static async connect(url: string, token: string, options: ConnectOptions = {}): Promise<RealtimeTestClient> {
    const socket: ClientSocket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...options,
    });
    const client = new RealtimeTestClient(socket);
    const ready = client.waitFor('session:ready', () => true, 5000);
    // Once refused, closing ends the wait for session:ready: by then it is no news.
    ready.catch(() => undefined);
    // Connected, then ended before it was ready (its session ended during the handshake).
    let onEnded: (event: { reason: string }) => void = () => undefined;
    const endedFirst = new Promise<never>((_, reject) => {
      onEnded = ({ reason }) => reject(new Error(`session:expired: ${reason}`));
      socket.once('session:expired', onEnded);
    });
    let onRefused: (error: Error) => void = () => undefined;
    const refused = new Promise<never>((_, reject) => {
      onRefused = (error) => reject(new Error(`connect_error: ${error.message}`));
      socket.once('connect_error', onRefused);
    });
    try {
      await Promise.race([ready, refused, endedFirst]);
    } catch (error) {
      // A client that never became ready keeps nothing open.
      client.close();
      throw error;
    } finally {
      // Only the first handshake: a reconnecting client's failed attempts are its own to retry.
      socket.off('connect_error', onRefused);
      socket.off('session:expired', onEnded);
    }
    return client;
  }

  /** Attempts a handshake expected to fail and returns how it was refused. */
  static async refusedHandshake(url: string, options: ConnectOptions, timeoutMs = 5000): Promise<HandshakeRefused> {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...options,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<HandshakeRefused>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer to the handshake within ${timeoutMs} ms`)), timeoutMs);
        socket.once('connect', () => reject(new Error('The handshake was accepted')));
        socket.once('connect_error', (error: Error & { data?: HandshakeErrorData }) =>
          resolve({ message: error.message, data: error.data }),
        );
      });
    } finally {
      clearTimeout(timer);
      socket.close();
    }
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /**
   * What Socket.IO presents to recover this socket's session: its private session id and the
   * offset of the last packet it received (kept in socket.io-client's private fields).
   */
  get recoveryCredentials(): { pid: string; offset: string } {
    const { _pid: pid, _lastOffset: offset } = this.socket as unknown as { _pid?: string; _lastOffset?: string };
    if (!pid || !offset) throw new Error('This socket has no session to recover (no packet received yet?)');
    return { pid, offset };
  }

  /** Cuts the connection as a network failure would: the server keeps the session for recovery. */
  dropTransport(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('disconnect', () => resolve());
      this.socket.io.engine.close();
    });
  }

  /** Resolves once the server has closed this socket; fails if it is still connected after `timeoutMs`. */
  disconnected(timeoutMs = 3000): Promise<string> {
    if (!this.socket.connected) return Promise.resolve('already disconnected');
    return new Promise((resolve, reject) => {
      const onDisconnect = (reason: string) => {
        clearTimeout(timer);
        resolve(reason);
      };
      const timer = setTimeout(() => {
        this.socket.off('disconnect', onDisconnect);
        reject(new Error(`The socket was still connected after ${timeoutMs} ms`));
      }, timeoutMs);
      this.socket.once('disconnect', onDisconnect);
    });
  }

  /** Resolves with the first not yet consumed event matching the predicate. */
  waitFor<K extends ServerEventName>(
    event: K,
    predicate: (payload: ServerEventPayloadMap[K]) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<ServerEventPayloadMap[K]> {
    const earlier = this.log.find(
      (r) => !r.consumed && r.event === event && predicate(r.payload as ServerEventPayloadMap[K]),
    );
    if (earlier) {
      earlier.consumed = true;
      return Promise.resolve(earlier.payload as ServerEventPayloadMap[K]);
    }
    return new Promise((resolve, reject) => {
      if (this.ended) {
        reject(new Error(`Stopped waiting for ${event}: ${this.ended}; ${this.describeReceived(event)}`));
        return;
      }
      const waiter: Waiter = {
        event,
        predicate: predicate as (payload: never) => boolean,
        resolve: (payload) => {
          clearTimeout(timer);
          resolve(payload as ServerEventPayloadMap[K]);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No ${event} matching the predicate within ${timeoutMs} ms; ${this.describeReceived(event)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * Rejects if a matching event came before a marker: by default a round trip through the server
   * on this socket (a `presence:list` command), whose answer the server writes after every event it
   * had already written to this socket. That orders it after anything the same node published
   * before an action under test answered. Across nodes, or for something the server does later on
   * its own (a grace period, a timer), pass `after`: a wait for an event the test caused after
   * the action, on the same path (e.g. another clinic's booking, a control user's offline).
   */
  async expectNone<K extends ServerEventName>(
    event: K,
    predicate: (payload: ServerEventPayloadMap[K]) => boolean = () => true,
    { after }: { after?: Promise<unknown> } = {},
  ): Promise<void> {
    const disconnectsBefore = this.disconnects;
    this.assertListening(event);
    await (after ?? this.roundTrip());
    // Nothing received proves nothing if the socket was not there to receive it.
    if (this.disconnects !== disconnectsBefore) {
      throw new Error(`Expected no ${event}, but the socket lost its connection meanwhile and may have missed one`);
    }
    this.assertListening(event);
    const found = this.log.find(
      (r) => !r.consumed && r.event === event && predicate(r.payload as ServerEventPayloadMap[K]),
    );
    if (found) throw new Error(`Expected no ${event} but received ${JSON.stringify(found.payload)}`);
  }

  private assertListening(event: string): void {
    if (this.ended || !this.socket.connected) {
      throw new Error(
        `Expected no ${event}, but the socket is not connected (${this.ended ?? 'not yet'}): it can receive none`,
      );
    }
  }

  /** Resolves once the server has answered a command sent now on this socket. */
  async roundTrip(): Promise<void> {
    const ack = await this.command('presence:list', {});
    if (!ack.ok) throw new Error(`The round trip was refused: ${ack.error.code} ${ack.error.message}`);
  }

  /** Every payload of one event received so far. */
  received<K extends ServerEventName>(event: K): ServerEventPayloadMap[K][] {
    return this.log.filter((r) => r.event === event).map((r) => r.payload as ServerEventPayloadMap[K]);
  }

  /** Sends a command and resolves with its acknowledgement. */
  command<K extends ClientCommandName>(
    name: K,
    payload: CommandPayload<K>,
    timeoutMs = 3000,
  ): Promise<Ack<CommandResult<K>>> {
    return this.raw(name, [payload], timeoutMs) as Promise<Ack<CommandResult<K>>>;
  }

  /** Sends anything at all (for tests of malformed input) and resolves with the ack. */
  async raw(event: string, args: unknown[], timeoutMs = 3000): Promise<unknown> {
    // The contract types what may be sent; malformed-input tests need to step outside it.
    const untyped = this.socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
    };
    try {
      return await untyped.emitWithAck(event, ...args);
    } catch {
      const state = this.ended ?? (this.socket.connected ? 'connected' : 'not connected');
      throw new Error(`No acknowledgement of ${event} within ${timeoutMs} ms (the socket: ${state})`);
    }
  }

  /** Sends anything at all without asking for an ack, as a client that never reads answers. */
  send(event: string, ...args: unknown[]): void {
    (this.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
  }

  /** Closes the socket and ends every wait still pending on it. */
  close(): void {
    this.end('the socket was closed');
    this.socket.close();
  }

  private end(why: string): void {
    this.ended ??= why;
    for (const waiter of this.waiters) {
      waiter.reject(new Error(`Stopped waiting for ${waiter.event}: ${why}; ${this.describeReceived(waiter.event)}`));
    }
    this.waiters.clear();
  }

  /** What a failed wait for `event` did receive, so the failure says how close it came. */
  private describeReceived(event: string): string {
    const same = this.log.filter((r) => r.event === event);
    if (same.length === 0) {
      const others = [...new Set(this.log.map((r) => r.event))];
      return `received no ${event} at all${others.length ? `, only ${others.join(', ')}` : ''}`;
    }
    const quoted = same
      .slice(-QUOTED_PAYLOADS)
      .map(
        (r) => `${r.consumed ? '(already consumed) ' : ''}${JSON.stringify(r.payload).slice(0, QUOTED_PAYLOAD_CHARS)}`,
      );
    return `received ${same.length} ${event}${same.length > QUOTED_PAYLOADS ? `, the last ${QUOTED_PAYLOADS}` : ''}: ${quoted.join(' | ')}`;
  }

  private record(event: string, payload: unknown): void {
    const entry: Received = { event, payload, consumed: false };
    this.log.push(entry);
    for (const waiter of this.waiters) {
      if (waiter.event !== event) continue;
      let matches: boolean;
      try {
        matches = waiter.predicate(payload as never);
      } catch (error) {
        // Thrown here, it would escape into Socket.IO's listener and leave the wait to time out.
        this.waiters.delete(waiter);
        waiter.reject(new Error(`The predicate of a wait for ${event} threw on ${JSON.stringify(payload)}: ${error}`));
        continue;
      }
      if (matches) {
        this.waiters.delete(waiter);
        entry.consumed = true;
        waiter.resolve(payload);
        return;
      }
    }
  }
}

/** One signed-in staff member: REST as them, and their sockets. */
export class StaffSession {
  private current: LoginResponse;
  private restClient: RestClient;
  private readonly sockets: RealtimeTestClient[] = [];

  private constructor(
    readonly baseUrl: string,
    login: LoginResponse,
  ) {
    this.current = login;
    this.restClient = new RestClient(baseUrl, login.accessToken);
  }

  static async signIn(baseUrl: string, email: string, password?: string): Promise<StaffSession> {
    return new StaffSession(baseUrl, await login(baseUrl, email, password));
  }

  /** The sign-in's answer; after `refresh()`, the refresh's. */
  get login(): LoginResponse {
    return this.current;
  }
  /** REST as this person, with the current token. */
  get rest(): RestClient {
    return this.restClient;
  }
  get userId(): string {
    return this.current.user.id;
  }
  get tenantId(): string {
    return this.current.user.tenantId;
  }
  get token(): string {
    return this.current.accessToken;
  }

  /**
   * Opens one more socket for this person (another tab or device), always with this session's
   * token: `auth` may add to the handshake (`presence`, recovery's `pid` and `offset`) but not
   * swap the person, which would file another person's socket under this one.
   */
  async connect(options: ConnectOptions = {}): Promise<RealtimeTestClient> {
    const { auth = {} } = options;
    if (typeof auth === 'function' || ('token' in auth && auth['token'] !== this.token)) {
      throw new Error(
        `A socket of ${this.current.user.email} connects with their own token; ` +
          `open another person's with their StaffSession, or a forged token with RealtimeTestClient.connect`,
      );
    }
    const socket = await RealtimeTestClient.connect(this.baseUrl, this.token, {
      ...options,
      auth: { ...auth, token: this.token },
    });
    this.sockets.push(socket);
    return socket;
  }

  /**
   * Exchanges the token for a fresh one of the same sign-in and hands it to each connected socket
   * with `session:refresh`, as the portal does before a token runs out. `token`, `rest` and the
   * sockets opened afterwards use the fresh one.
   */
  async refresh(): Promise<LoginResponse> {
    const { status, body } = await this.rest.post<LoginResponse>('/api/auth/refresh');
    if (status !== 200) {
      throw new Error(`Refreshing ${this.current.user.email}'s token failed with ${status}: ${JSON.stringify(body)}`);
    }
    this.current = body;
    this.restClient = new RestClient(this.baseUrl, body.accessToken);
    for (const socket of this.sockets.filter((open) => open.connected)) {
      const ack = await socket.command('session:refresh', { token: body.accessToken });
      if (!ack.ok) throw new Error(`A socket refused the fresh token: ${ack.error.code} ${ack.error.message}`);
    }
    return body;
  }

  close(): void {
    this.sockets.forEach((socket) => socket.close());
  }
}
