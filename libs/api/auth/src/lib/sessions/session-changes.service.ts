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

type Person = Pick<SessionChange, 'tenantId' | 'userId'>;

const personKey = (tenantId: string, userId: string): string => `${tenantId}:${userId}`;

interface Announcement {
  origin: string;
  change: SessionChange;
}

/**
 * Makes a sign-out or an account change take effect on every node within a second: each node
 * forgets what it cached and re-checks its sockets. The change is applied here at once and, with
 * REDIS_URL, published to the other nodes over Redis pub/sub.
 *
 * A node also counts the changes it applied per person, so that a connection admitted on an
 * answer read before a change, and not yet among the sockets that change re-checked, can tell
 * (`changedSince`) and be checked again.
 */
@Injectable()
export class SessionChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionChanges');
  private subscriber?: RedisClient;
  /** Changes applied on this node, by person: one number for each person changed since it started. */
  private readonly applied = new Map<string, number>();

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

  /** The person's changes applied on this node so far, to pass to `changedSince` later. */
  appliedTo({ tenantId, userId }: Person): number {
    return this.applied.get(personKey(tenantId, userId)) ?? 0;
  }

  /** Whether a change of the person was applied on this node after `appliedTo` gave `seen`. */
  changedSince(person: Person, seen: number): boolean {
    return this.appliedTo(person) !== seen;
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
    const key = personKey(tenantId, userId);
    this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
    this.accounts.forget(tenantId, userId);
    if (sessionId) this.revoked.forget(sessionId);
    this.events.publish(new StaffSessionsChanged(tenantId, userId, sessionId));
  }
}
