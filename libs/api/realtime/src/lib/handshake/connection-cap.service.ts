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

/** A socket's entry: the person's sorted set, and its member there. */
interface Entry {
  key: string;
  member: string;
}

/**
 * At most WS_MAX_CONNECTIONS_PER_USER open sockets per person. With REDIS_URL they are counted
 * over every node in Redis (entries each node renews, so a crashed node's sockets lapse); without
 * it, or while Redis is unreachable, on this node. Each admitted socket is one entry of its own,
 * not keyed by its Socket.IO id, which a recovered socket takes over from the one it replaces.
 */
@Injectable()
export class ConnectionCap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConnectionCap');
  /** This node's admitted sockets with their entry, and how many each person has here. */
  private readonly admitted = new Map<RealtimeSocket, Entry>();
  private readonly counts = new Map<string, number>();
  /** Numbers this node's entries in Redis. */
  private admissions = 0;
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
    const member = `${this.node.id}:${++this.admissions}`;
    const max = this.config.wsMaxConnectionsPerUser;
    const redis = this.redis?.status === 'ready' ? this.redis : null;
    const room = redis ? await this.admitShared(redis, key, member, max) : (this.counts.get(key) ?? 0) < max;
    if (!room) return false;
    this.admitted.set(socket, { key, member });
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const release = () => this.release(socket);
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    // The client may have gone while its handshake was checked: then no event would come.
    if (socket.conn.readyState !== 'open') release();
    return true;
  }

  private async admitShared(redis: RedisClient, key: string, member: string, max: number): Promise<boolean> {
    const now = Date.now();
    const admitted = await ADMIT_CONNECTION.run(redis, [key, now, now + ENTRY_TTL_MS, max, member]);
    return admitted === 1;
  }

  private release(socket: RealtimeSocket): void {
    const entry = this.admitted.get(socket);
    if (!entry) return;
    const { key, member } = entry;
    this.admitted.delete(socket);
    const left = (this.counts.get(key) ?? 1) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
    if (this.redis?.status === 'ready') {
      this.redis
        .zrem(key, member)
        .catch((error: Error) => this.logger.warn(`Releasing a connection failed: ${error.message}`));
    }
  }

  /** Keeps this node's sockets counted, and puts back what Redis lost while it was away. */
  private async renew(): Promise<void> {
    if (this.admitted.size === 0 || this.redis?.status !== 'ready') return;
    const lapsesAt = Date.now() + ENTRY_TTL_MS;
    const pipeline = this.redis.pipeline();
    for (const { key, member } of this.admitted.values()) pipeline.zadd(key, lapsesAt, member).pexpireat(key, lapsesAt);
    try {
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`Renewing connection counts failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
