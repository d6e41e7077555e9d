import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import { HandshakeRefused } from '@derm/api/metrics';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { OperationsRefusal, RECENT_REFUSALS_KEPT } from '@derm/shared/contracts';

/** How long a clinic's recent refusals are kept once none come: the page shows recent ones only. */
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;

export const toRefusal = ({ id, code, occurredAt, userId, name }: HandshakeRefused): OperationsRefusal => ({
  id,
  code,
  at: occurredAt.toISOString(),
  user: { id: userId, name },
});

/**
 * The last refused handshakes of each clinic, newest first: in a Redis list per clinic that every
 * node writes (so the page shows the cluster's), or without Redis in this node's memory.
 */
@Injectable()
export class RecentRefusals {
  private readonly logger = new Logger('Operations');
  private readonly local = new Map<string, OperationsRefusal[]>();

  constructor(
    private readonly node: ClusterNode,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  @OnDomainEvent(HandshakeRefused)
  async record(event: HandshakeRefused): Promise<void> {
    const refusal = toRefusal(event);
    if (!this.redis) {
      this.local.set(event.tenantId, [refusal, ...(this.local.get(event.tenantId) ?? [])].slice(0, RECENT_REFUSALS_KEPT));
      return;
    }
    const key = this.key(event.tenantId);
    try {
      await this.redis
        .pipeline()
        .lpush(key, JSON.stringify(refusal))
        .ltrim(key, 0, RECENT_REFUSALS_KEPT - 1)
        .pexpire(key, KEPT_FOR_MS)
        .exec();
    } catch (error) {
      this.logger.warn(`Recording a refused handshake failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  async of(tenantId: string): Promise<OperationsRefusal[]> {
    if (!this.redis) return this.local.get(tenantId) ?? [];
    const stored = await this.redis.lrange(this.key(tenantId), 0, RECENT_REFUSALS_KEPT - 1);
    return stored.map((entry) => JSON.parse(entry) as OperationsRefusal);
  }

  private key(tenantId: string): string {
    return this.node.key('operations', 'refusals', tenantId);
  }
}
