import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import type { ExtendedError } from 'socket.io';
import type { RealtimeSocket } from '../realtime-socket';
import { ADMIT_CONNECTION } from './connection-cap.scripts';
import { refusal } from './handshake-authenticator.service';

/** How long a socket counts without its node renewing it: a crashed node's sockets stop counting after this. */
const ENTRY_TTL_MS = 20_000;
const RENEW_EVERY_MS = 5_000;

/**
 * At most WS_MAX_CONNECTIONS_PER_USER open sockets per person. With REDIS_URL they are counted
 * over every node in Redis (entries each node renews, so a crashed node's sockets lapse); without
 * it, or while Redis is unreachable, on this node.
 */
@Injectable()
export class ConnectionCap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConnectionCap');
  /** This node's admitted sockets: socket id → the person's key, and how many each person has here. */
  private readonly admitted = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly node: ClusterNode,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.redis) return;
    this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Socket.IO middleware after the handshake's authentication, which put the person on `socket.data`. */
  readonly middleware = (socket: RealtimeSocket, next: (error?: ExtendedError) => void): void => {
    this.admit(socket).then(
      (admitted) =>
        next(
          admitted
            ? undefined
            : refusal('TOO_MANY_CONNECTIONS', `At most ${this.config.wsMaxConnectionsPerUser} connections per person`),
        ),
      (error: unknown) => {
        // The cap protects the server; an error counting must not lock everyone out.
        this.logger.error('Counting a connection failed; admitting it', error instanceof Error ? error.stack : error);
        next();
      },
    );
  };

  /** Counts the socket in when there is room, and out again once its connection closes. */
  async admit(socket: RealtimeSocket): Promise<boolean> {
    const key = this.node.key('connections', `${socket.data.tenantId}|${socket.data.userId}`);
    const max = this.config.wsMaxConnectionsPerUser;
    const redis = this.redis?.status === 'ready' ? this.redis : null;
    const room = redis ? await this.admitShared(redis, key, socket.id, max) : (this.counts.get(key) ?? 0) < max;
    if (!room) return false;
    this.admitted.set(socket.id, key);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const release = () => this.release(socket.id);
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    // The client may have gone while its handshake was checked: then no event would come.
    if (socket.conn.readyState !== 'open') release();
    return true;
  }

  private async admitShared(redis: RedisClient, key: string, socketId: string, max: number): Promise<boolean> {
    const now = Date.now();
    const admitted = await ADMIT_CONNECTION.run(redis, [key, now, now + ENTRY_TTL_MS, max, socketId]);
    return admitted === 1;
  }

  private release(socketId: string): void {
    const key = this.admitted.get(socketId);
    if (!key) return;
    this.admitted.delete(socketId);
    const left = (this.counts.get(key) ?? 1) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
    if (this.redis?.status === 'ready') {
      this.redis
        .zrem(key, socketId)
        .catch((error: Error) => this.logger.warn(`Releasing a connection failed: ${error.message}`));
    }
  }

  /** Keeps this node's sockets counted, and puts back what Redis lost while it was away. */
  private async renew(): Promise<void> {
    if (this.admitted.size === 0 || this.redis?.status !== 'ready') return;
    const lapsesAt = Date.now() + ENTRY_TTL_MS;
    const pipeline = this.redis.pipeline();
    for (const [socketId, key] of this.admitted) pipeline.zadd(key, lapsesAt, socketId).pexpireat(key, lapsesAt);
    try {
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`Renewing connection counts failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
