import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainEvents, OnDomainEvent } from '@derm/api/events';
import { HandshakeRefused } from '@derm/api/metrics';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { isSameRefusalEntry, OperationsRefusal, RECENT_REFUSALS_KEPT } from '@derm/shared/contracts';
import { RECORD_REFUSAL } from './record-refusal.script';
import { RefusalRecorded } from './refusal-recorded.event';

/** How long a clinic's recent refusals are kept once none come: the page shows recent ones only. */
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;

const firstOfItsEntry = ({ id, code, occurredAt, userId, name }: HandshakeRefused): OperationsRefusal => {
  const at = occurredAt.toISOString();
  return { id, code, at, user: { id: userId, name }, count: 1, firstAt: at };
};

/** An entry as stored; one stored before entries had a count is one refusal. */
const storedEntry = (json: string): OperationsRefusal => {
  const entry = JSON.parse(json) as Omit<OperationsRefusal, 'count' | 'firstAt'> & Partial<OperationsRefusal>;
  return { ...entry, count: entry.count ?? 1, firstAt: entry.firstAt ?? entry.at };
};

/**
 * The last refused handshakes of each clinic, latest first, one entry per person and reason (a tab
 * retrying past the cap is counted, not repeated, so it cannot push everyone else off the list): in
 * a Redis list per clinic that every node writes (so the page shows the cluster's), or without
 * Redis in this node's memory. Each recorded refusal is announced with its entry.
 */
@Injectable()
export class RecentRefusals {
  private readonly logger = new Logger('Operations');
  private readonly local = new Map<string, OperationsRefusal[]>();

  constructor(
    private readonly events: DomainEvents,
    private readonly node: ClusterNode,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  @OnDomainEvent(HandshakeRefused)
  async record(event: HandshakeRefused): Promise<void> {
    const refusal = firstOfItsEntry(event);
    try {
      const entry = this.redis
        ? await this.recordShared(this.redis, event.tenantId, refusal)
        : this.recordLocal(event.tenantId, refusal);
      this.events.publish(new RefusalRecorded(event.tenantId, entry));
    } catch (error) {
      this.logger.warn(`Recording a refused handshake failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  async of(tenantId: string): Promise<OperationsRefusal[]> {
    if (!this.redis) return this.local.get(tenantId) ?? [];
    const stored = await this.redis.lrange(this.key(tenantId), 0, RECENT_REFUSALS_KEPT - 1);
    return stored.map(storedEntry);
  }

  private recordLocal(tenantId: string, refusal: OperationsRefusal): OperationsRefusal {
    const entries = this.local.get(tenantId) ?? [];
    const same = entries.find((known) => isSameRefusalEntry(known, refusal));
    const entry = same ? { ...refusal, count: same.count + 1, firstAt: same.firstAt } : refusal;
    this.local.set(tenantId, [entry, ...entries.filter((known) => known !== same)].slice(0, RECENT_REFUSALS_KEPT));
    return entry;
  }

  private async recordShared(
    redis: RedisClient,
    tenantId: string,
    refusal: OperationsRefusal,
  ): Promise<OperationsRefusal> {
    const stored = await RECORD_REFUSAL.run(redis, [
      this.key(tenantId),
      JSON.stringify(refusal),
      RECENT_REFUSALS_KEPT,
      KEPT_FOR_MS,
    ]);
    return storedEntry(String(stored));
  }

  private key(tenantId: string): string {
    return this.node.key('operations', 'refusals', tenantId);
  }
}
