import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@derm/api/events';
import { closeRedis, ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { AccountDirectory } from '../accounts/account-directory.service';
import { RevokedSessions } from './revoked-sessions.service';
import { StaffSessionsChanged } from './staff-sessions-changed.event';

export interface SessionChange {
  tenantId: string;
  userId: string;
  /** Set when one session ended; unset when the account itself changed. */
  sessionId?: string;
}

interface Announcement {
  origin: string;
  change: SessionChange;
}

/**
 * Makes a sign-out or an account change take effect on every node within a second: each node
 * forgets what it cached and re-checks its sockets. The change is applied here at once and, with
 * REDIS_URL, published to the other nodes over Redis pub/sub.
 */
@Injectable()
export class SessionChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionChanges');
  private subscriber?: RedisClient;

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly revoked: RevokedSessions,
    private readonly events: DomainEvents,
    private readonly node: ClusterNode,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  private get channel(): string {
    return this.node.key('sessions', 'changes');
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    // A connection in subscriber mode can do nothing else, hence one of its own.
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.subscriber) await closeRedis(this.subscriber);
  }

  async announce(change: SessionChange): Promise<void> {
    this.apply(change);
    if (!this.redis) return;
    const announcement: Announcement = { origin: this.node.id, change };
    await this.redis.publish(this.channel, JSON.stringify(announcement));
  }

  private receive(message: string): void {
    try {
      const { origin, change } = JSON.parse(message) as Announcement;
      if (origin !== this.node.id) this.apply(change);
    } catch (error) {
      this.logger.warn(`Ignored a malformed session change: ${String(error)}`);
    }
  }

  private apply({ tenantId, userId, sessionId }: SessionChange): void {
    this.accounts.forget(tenantId, userId);
    if (sessionId) this.revoked.forget(sessionId);
    this.events.publish(new StaffSessionsChanged(tenantId, userId, sessionId));
  }
}
