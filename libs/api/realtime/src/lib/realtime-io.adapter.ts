import { INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { ExtendedError, ServerOptions } from 'socket.io';
import { AppConfig } from '@derm/api/config';
import { SocketLog } from '@derm/api/logging';
import { clientAddressReader } from '@derm/api/http';
import {
  type AllowRequest,
  observeHandshake,
  observeRequestCheck,
  ORIGIN_NOT_ALLOWED,
  RealtimeMetrics,
  timeCommand,
  TOO_MANY_PENDING_CONNECTIONS,
} from '@derm/api/metrics';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { TenantBroadcaster } from './broadcast/tenant-broadcaster.service';
import { clusterAdapter } from './cluster/cluster-adapter';
import { SingleNodeAdapter } from './cluster/single-node-adapter';
import { CommandBudget } from './commands/command-budget.service';
import { CommandDispatcher, type PayloadMapper, type ResultTransform } from './commands/command-dispatcher';
import { onDisconnect } from './commands/disconnect-hooks';
import { answerTooManyCommands } from './commands/too-many-commands';
import { answerUnknownCommand } from './commands/unknown-command';
import { ConnectionCap } from './handshake/connection-cap.service';
import { HandshakeBudget } from './handshake/handshake-budget.service';
import { HandshakeAuthenticator } from './handshake/handshake-authenticator.service';
import { bindRecoveryToIdentity } from './handshake/identity-bound-recovery';
import { RecoveredRooms } from './handshake/recovered-rooms.service';
import { originAllowlist } from './handshake/origin-allowlist';
import { type EngineConnection, PendingConnections } from './handshake/pending-connections';
import type { RealtimeServer, RealtimeSocket } from './realtime-socket';
import { oneWritePerHandshake } from './transport/one-write-per-handshake';

type HandshakeMiddleware = (socket: RealtimeSocket, next: (error?: ExtendedError) => void) => void;

/** One middleware that runs each in turn, until one refuses. */
const inSequence =
  (...middlewares: HandshakeMiddleware[]): HandshakeMiddleware =>
  (socket, next) => {
    const run = (index: number): void =>
      index === middlewares.length
        ? next()
        : middlewares[index](socket, (error) => (error ? next(error) : run(index + 1)));
    run(0);
  };

/** One Engine.IO request check that runs `first`, then `second` unless `first` refused. */
const bothAllow =
  (first: AllowRequest, second: AllowRequest): AllowRequest =>
  (request, callback) =>
    first(request, (error, success) => (success ? second(request, callback) : callback(error, success)));

/** Larger packets close the offending connection only. */
export const MAX_PACKET_BYTES = 64 * 1024;
/** How long a dropped connection can come back and receive what it missed. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * Creates the one Socket.IO server every gateway shares, configured once: the heartbeat that
 * drops a silent client (WS_PING_INTERVAL_MS, WS_PING_TIMEOUT_MS), origin allowlist, a
 * per-address cap on connections not yet connected to Socket.IO and their connect timeout, packet
 * bound, connection-state recovery (only for the same session, decided before anything is
 * restored, and only to someone still allowed in its rooms; middlewares re-run), the handshake
 * middleware and its re-check of a socket whose person changed meanwhile, the per-person
 * handshake budget and connection cap, one TCP write for a handshake's packets, and with
 * REDIS_URL the Redis Streams adapter that carries broadcasts to every node (without it, the
 * in-memory SingleNodeAdapter).
 * Commands run from one dispatcher rather than Nest's per-socket RxJS pipelines.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private readonly commands: CommandDispatcher<RealtimeSocket>;

  constructor(private readonly app: INestApplication) {
    super(app);
    const metrics = app.get(RealtimeMetrics);
    const budget = app.get(CommandBudget);
    this.commands = new CommandDispatcher<RealtimeSocket>({
      mapPayload: (args) => this.mapPayload(args) as ReturnType<PayloadMapper>,
      received: (packet) => timeCommand(metrics, packet),
      unknown: (socket, name, ack) => answerUnknownCommand(budget, socket, name, ack),
      tooMany: answerTooManyCommands,
    });
  }

  override createIOServer(port: number, options?: ServerOptions): RealtimeServer {
    const config = this.app.get(AppConfig);
    const redis = this.app.get<symbol, RedisClient | null>(REDIS_CLIENT);
    const metrics = this.app.get(RealtimeMetrics);
    const onAdapterError = metrics.redisAdapterError.bind(metrics);
    const { perAddress, connectTimeoutMs } = config.wsPendingConnections;
    const pending = new PendingConnections({
      max: perAddress,
      timeoutMs: connectTimeoutMs,
      // The address the REST limits key on: Express's, under its `trust proxy`.
      addressOf: clientAddressReader(this.app.getHttpAdapter().getInstance()),
    });
    const server: RealtimeServer = super.createIOServer(port, {
      ...options,
      // A client gone silent is dropped within interval + timeout (docs/presence.md).
      pingInterval: config.wsPing.intervalMs,
      pingTimeout: config.wsPing.timeoutMs,
      maxHttpBufferSize: MAX_PACKET_BYTES,
      cors: { origin: config.corsOrigins },
      allowRequest: bothAllow(
        observeRequestCheck(originAllowlist(config.corsOrigins), ORIGIN_NOT_ALLOWED, metrics),
        observeRequestCheck(pending.allowRequest, TOO_MANY_PENDING_CONNECTIONS, metrics),
      ),
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        skipMiddlewares: false,
      },
      adapter: redis ? clusterAdapter(redis, this.app.get(ClusterNode), onAdapterError) : SingleNodeAdapter,
    });
    oneWritePerHandshake(server);
    server.engine.on('connection', (connection: EngineConnection) => pending.opened(connection));
    const authenticator = this.app.get(HandshakeAuthenticator);
    bindRecoveryToIdentity(server.of('/'), authenticator, this.app.get(RecoveredRooms));
    // Counted once, whichever refuses.
    const admission = inSequence(
      authenticator.middleware,
      this.app.get(HandshakeBudget).middleware,
      this.app.get(ConnectionCap).middleware,
    );
    server.use(observeHandshake(admission, metrics));
    const log = this.app.get(SocketLog);
    // One listener: each gateway adds its own, and Node warns of a leak past ten.
    server.on('connection', (socket: RealtimeSocket) => {
      pending.connected(socket.conn);
      authenticator.connected(socket);
      log.connected(socket);
    });
    metrics.watch(server);
    this.app.get(TenantBroadcaster).attach(server);
    return server;
  }

  override bindMessageHandlers(
    socket: RealtimeSocket,
    handlers: MessageMappingProperties[],
    transform: ResultTransform,
  ): void {
    this.commands.bind(socket, handlers, transform);
  }

  /** Every gateway's disconnect handler behind the socket's one shared disconnect listener. */
  override bindClientDisconnect(client: RealtimeSocket, callback: () => void): void {
    onDisconnect(client, callback);
  }

  /**
   * Graceful stop: Socket.IO's own close keeps each session for recovery, then closes the
   * transports. Clients see a transport close (not a server disconnect, after which they would
   * not retry), so they reconnect by themselves, to another node once this one stops listening,
   * where the sessions kept in Redis let them recover what they missed.
   */
  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    this.logger.log(`Closing ${server.engine.clientsCount} connection(s); clients reconnect by themselves`);
    await server.close();
  }
}
