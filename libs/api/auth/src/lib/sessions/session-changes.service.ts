import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainEvents } from '@derm/api/events';
import { closeRedis, ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { AccountDirectory } from '../accounts/account-directory.service';
import { NodeConfirmations } from './node-confirmations';
import { RevokedSessions } from './revoked-sessions.service';
import { StaffSessionsChanged } from './staff-sessions-changed.event';

export interface SessionChange {
  tenantId: string;
  userId: string;
  /** Set when one session ended; unset when the account itself changed. */
  sessionId?: string;
  /** The sessions it names (`sessionId`'s, or all the person's) have ended: a sign-out or a deactivation. */
  ended: boolean;
}

type Person = Pick<SessionChange, 'tenantId' | 'userId'>;

const personKey = (tenantId: string, userId: string): string => `${tenantId}:${userId}`;

interface Announcement {
  origin: string;
  id: string;
  change: SessionChange;
}

/**
 * How long an announcement waits for every other node's confirmation. A node that has not
 * confirmed by then (stalled, or cut off from Redis) applies it when it hears it.
 */
export const CONFIRMATION_TIMEOUT_MS = 2000;

/** How long an ended session is remembered for handshakes under way: past Socket.IO's 45 s connect timeout. */
const ENDINGS_KEPT_MS = 60_000;

/** A change that ended the person's session `sessionId` (all of them when unset), as the `count`th change applied. */
interface Ending {
  count: number;
  sessionId?: string;
  at: number;
}

/**
 * Makes a sign-out or an account change take effect on every node: each node forgets what it
 * cached and re-checks its sockets, closing at once those of a session that ended. The change is
 * applied here at once and, with REDIS_URL, published to the other nodes over Redis pub/sub; each
 * confirms once it has applied it, and `announce` resolves when all have, so whoever made the
 * change is answered only once no node still holds a socket of an ended session.
 *
 * A node also counts the changes it applied per person, so that a connection admitted on an
 * answer read before a change, and not yet among the sockets that change re-checked, can tell
 * (`changedSince`) and be checked again, or closed at once when the change ended its session
 * (`endedSince`).
 */
@Injectable()
export class SessionChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SessionChanges');
  private subscriber?: RedisClient;
  /** Changes applied on this node, by person: one number for each person changed since it started. */
  private readonly applied = new Map<string, number>();
  /** The sessions ended on this node in the last ENDINGS_KEPT_MS, by person, for `endedSince`. */
  private readonly endings = new Map<string, Ending[]>();
  private readonly confirmations = new NodeConfirmations();

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

  /** Where the other nodes confirm the announcements of node `origin`. */
  private confirmationsOf(origin: string): string {
    return this.node.key('sessions', 'applied', origin);
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    // A connection in subscriber mode can do nothing else, hence one of its own.
    this.subscriber = this.redis.duplicate();
    const confirmations = this.confirmationsOf(this.node.id);
    this.subscriber.on('message', (channel: string, message: string) =>
      channel === confirmations ? this.confirmations.confirm(message) : this.receive(message),
    );
    await this.subscriber.subscribe(this.channel, confirmations);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.subscriber) await closeRedis(this.subscriber);
  }

  /** Applies `change` here, then on every other node: resolves once each confirmed it (or timed out). */
  async announce(change: SessionChange): Promise<void> {
    this.apply(change);
    const redis = this.redis;
    if (!redis) return;
    const announcement: Announcement = { origin: this.node.id, id: randomUUID(), change };
    const confirmed = await this.confirmations.collect(
      announcement.id,
      // Every node's subscriber listens, this one's too.
      async () => (await redis.publish(this.channel, JSON.stringify(announcement))) - 1,
      CONFIRMATION_TIMEOUT_MS,
    );
    if (!confirmed) {
      this.logger.warn(`Not every node confirmed a session change within ${CONFIRMATION_TIMEOUT_MS} ms`);
    }
  }

  /** The person's changes applied on this node so far, to pass to `changedSince` later. */
  appliedTo({ tenantId, userId }: Person): number {
    return this.applied.get(personKey(tenantId, userId)) ?? 0;
  }

  /** Whether a change of the person was applied on this node after `appliedTo` gave `seen`. */
  changedSince(person: Person, seen: number): boolean {
    return this.appliedTo(person) !== seen;
  }

  /**
   * Whether a change applied on this node after `appliedTo` gave `seen` ended the person's session
   * `sessionId` (its sign-out, or a deactivation), which is known without looking anything up.
   */
  endedSince({ tenantId, userId }: Person, sessionId: string, seen: number): boolean {
    return (this.endings.get(personKey(tenantId, userId)) ?? []).some(
      (ending) => ending.count > seen && (!ending.sessionId || ending.sessionId === sessionId),
    );
  }

  private receive(message: string): void {
    let announcement: Announcement;
    try {
      announcement = JSON.parse(message) as Announcement;
    } catch (error) {
      this.logger.warn(`Ignored a malformed session change: ${String(error)}`);
      return;
    }
    const { origin, id, change } = announcement;
    if (origin === this.node.id) return;
    this.apply(change);
    // Applied: the sockets of an ended session are closed by now, so the origin may answer.
    this.redis?.publish(this.confirmationsOf(origin), id).catch((error: unknown) => {
      this.logger.warn(`Could not confirm a session change: ${String(error)}`);
    });
  }

  /** Synchronous: an ended session's sockets on this node are closed when it returns. */
  private apply({ tenantId, userId, sessionId, ended }: SessionChange): void {
    const key = personKey(tenantId, userId);
    const count = (this.applied.get(key) ?? 0) + 1;
    this.applied.set(key, count);
    if (ended) this.remember(key, { count, sessionId, at: Date.now() });
    this.accounts.forget(tenantId, userId);
    if (sessionId) this.revoked.forget(sessionId);
    this.events.publish(new StaffSessionsChanged(tenantId, userId, { sessionId, ended }));
  }

  private remember(key: string, ending: Ending): void {
    const kept = (this.endings.get(key) ?? []).filter(({ at }) => ending.at - at < ENDINGS_KEPT_MS);
    this.endings.set(key, [...kept, ending]);
  }
}
