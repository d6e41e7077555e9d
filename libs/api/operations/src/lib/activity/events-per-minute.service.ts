import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainEvents, OnDomainEvent } from '@derm/api/events';
import { ClinicEventPublished } from '@derm/api/metrics';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { EventsInMinute } from '@derm/shared/contracts';
import { ClinicMinuteCounted } from './clinic-minute-counted.event';
import { MINUTE_KEPT_MS, minuteOf, toWindow, windowMinutes } from './minutes';

/** Counts are added up here and written (to Redis, or this node's totals) at most this often. */
export const FLUSH_EVERY_MS = 1000;

type Counts = Map<string, Map<number, number>>;

const add = (counts: Counts, tenantId: string, minute: number, n: number): void => {
  const minutes = counts.get(tenantId) ?? new Map<number, number>();
  minutes.set(minute, (minutes.get(minute) ?? 0) + n);
  counts.set(tenantId, minutes);
};

/**
 * Domain events published to each clinic, per minute, over the last hour. Each node adds up what
 * its own broadcaster sent and, once a second, adds that to the shared count (a Redis key per
 * clinic and minute, so the figure is the cluster's; without Redis, this node's), then announces
 * the minute's new total.
 */
@Injectable()
export class EventsPerMinute implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Operations');
  /** Counted since the last flush. */
  private pending: Counts = new Map();
  /** Without Redis: this node's totals. */
  private readonly totals: Counts = new Map();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: DomainEvents,
    private readonly node: ClusterNode,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  get scope(): 'cluster' | 'node' {
    return this.redis ? 'cluster' : 'node';
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  @OnDomainEvent(ClinicEventPublished)
  counted({ tenantId, occurredAt }: ClinicEventPublished): void {
    add(this.pending, tenantId, minuteOf(occurredAt), 1);
  }

  /** The last hour of one clinic, the current minute last; what this node has not flushed yet included. */
  async window(tenantId: string, now = new Date()): Promise<EventsInMinute[]> {
    const minutes = windowMinutes(now);
    const stored = this.redis ? await this.storedCounts(this.redis, tenantId, minutes) : this.totals.get(tenantId);
    const pending = this.pending.get(tenantId);
    return toWindow(minutes, (minute) => (stored?.get(minute) ?? 0) + (pending?.get(minute) ?? 0));
  }

  private key(tenantId: string, minute: number): string {
    return this.node.key('operations', 'events', tenantId, String(minute));
  }

  private async storedCounts(redis: RedisClient, tenantId: string, minutes: number[]): Promise<Map<number, number>> {
    const values = await redis.mget(minutes.map((minute) => this.key(tenantId, minute)));
    return new Map(minutes.map((minute, i) => [minute, Number(values[i] ?? 0)]));
  }

  private async flush(): Promise<void> {
    // While Redis is away the counts wait here rather than in ioredis's queue.
    if (this.pending.size === 0 || (this.redis && this.redis.status !== 'ready')) return;
    const counted = this.pending;
    this.pending = new Map();
    const entries = [...counted].flatMap(([tenantId, minutes]) =>
      [...minutes].map(([minute, n]) => ({ tenantId, minute, n })),
    );
    try {
      const totals = this.redis
        ? await this.addShared(this.redis, entries)
        : entries.map((entry) => this.addLocal(entry));
      entries.forEach(({ tenantId, minute }, i) =>
        this.events.publish(new ClinicMinuteCounted(tenantId, minute, totals[i])),
      );
    } catch (error) {
      // A figure on a page: a lost second of counts is not worth holding or retrying.
      this.logger.warn(`Counting events per minute failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  private async addShared(
    redis: RedisClient,
    entries: { tenantId: string; minute: number; n: number }[],
  ): Promise<number[]> {
    const pipeline = redis.pipeline();
    for (const { tenantId, minute, n } of entries) {
      const key = this.key(tenantId, minute);
      pipeline.incrby(key, n).pexpireat(key, minute + MINUTE_KEPT_MS);
    }
    const results = (await pipeline.exec()) ?? [];
    return entries.map((_, i) => {
      const [error, total] = results[i * 2] ?? [new Error('no reply')];
      if (error) throw error;
      return Number(total);
    });
  }

  private addLocal({ tenantId, minute, n }: { tenantId: string; minute: number; n: number }): number {
    add(this.totals, tenantId, minute, n);
    const minutes = this.totals.get(tenantId) as Map<number, number>;
    const oldest = minuteOf(new Date()) - MINUTE_KEPT_MS;
    for (const kept of minutes.keys()) if (kept < oldest) minutes.delete(kept);
    return minutes.get(minute) ?? n;
  }
}
