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
}

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
  ready!: SessionReady;

  private constructor(readonly socket: ClientSocket) {
    socket.onAny((event: string, payload: unknown) => this.record(event, payload));
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
    // Once refused, the wait for session:ready still times out later: by then it is no news.
    ready.catch(() => undefined);
    let onRefused: (error: Error) => void = () => undefined;
    const refused = new Promise<never>((_, reject) => {
      onRefused = (error) => {
        // A refused client keeps nothing open.
        socket.close();
        reject(new Error(`connect_error: ${error.message}`));
      };
      socket.once('connect_error', onRefused);
    });
    try {
      client.ready = await Promise.race([ready, refused]);
    } finally {
      // Only the first handshake: a reconnecting client's failed attempts are its own to retry.
      socket.off('connect_error', onRefused);
    }
    return client;
  }

  /** Attempts a handshake expected to fail and returns how it was refused. */
  static async refusedHandshake(url: string, options: ConnectOptions): Promise<HandshakeRefused> {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...options,
    });
    try {
      return await new Promise<HandshakeRefused>((resolve, reject) => {
        socket.once('connect', () => reject(new Error('The handshake was accepted')));
        socket.once('connect_error', (error: Error & { data?: HandshakeErrorData }) =>
          resolve({ message: error.message, data: error.data }),
        );
      });
    } finally {
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

  /** Resolves once the server has closed this socket. */
  disconnected(): Promise<string> {
    if (!this.socket.connected) return Promise.resolve('already disconnected');
    return new Promise((resolve) => this.socket.once('disconnect', (reason) => resolve(reason)));
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
      const waiter: Waiter = {
        event,
        predicate: predicate as (payload: never) => boolean,
        resolve: (payload) => {
          clearTimeout(timer);
          resolve(payload as ServerEventPayloadMap[K]);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No ${event} matching the predicate within ${timeoutMs} ms`));
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
    await (after ?? this.roundTrip());
    const found = this.log.find(
      (r) => !r.consumed && r.event === event && predicate(r.payload as ServerEventPayloadMap[K]),
    );
    if (found) throw new Error(`Expected no ${event} but received ${JSON.stringify(found.payload)}`);
  }

  /** Resolves once the server has answered a command sent now on this socket. */
  async roundTrip(): Promise<void> {
    const ack = await this.command('presence:list', {});
    if (!ack.ok) throw new Error(`The round trip was refused: ${ack.error.code}`);
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
  raw(event: string, args: unknown[], timeoutMs = 3000): Promise<unknown> {
    // The contract types what may be sent; malformed-input tests need to step outside it.
    const untyped = this.socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
    };
    return untyped.emitWithAck(event, ...args);
  }

  /** Sends anything at all without asking for an ack, as a client that never reads answers. */
  send(event: string, ...args: unknown[]): void {
    (this.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
  }

  close(): void {
    this.socket.close();
  }

  private record(event: string, payload: unknown): void {
    const entry: Received = { event, payload, consumed: false };
    this.log.push(entry);
    for (const waiter of this.waiters) {
      if (waiter.event === event && waiter.predicate(payload as never)) {
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
  readonly rest: RestClient;
  private readonly sockets: RealtimeTestClient[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly login: LoginResponse,
  ) {
    this.rest = new RestClient(baseUrl, login.accessToken);
  }

  static async signIn(baseUrl: string, email: string, password?: string): Promise<StaffSession> {
    return new StaffSession(baseUrl, await login(baseUrl, email, password));
  }

  get userId(): string {
    return this.login.user.id;
  }
  get tenantId(): string {
    return this.login.user.tenantId;
  }
  get token(): string {
    return this.login.accessToken;
  }

  /** Opens one more socket for this person (another tab or device). */
  async connect(options?: ConnectOptions): Promise<RealtimeTestClient> {
    const socket = await RealtimeTestClient.connect(this.baseUrl, this.login.accessToken, options);
    this.sockets.push(socket);
    return socket;
  }

  close(): void {
    this.sockets.forEach((socket) => socket.close());
  }
}
