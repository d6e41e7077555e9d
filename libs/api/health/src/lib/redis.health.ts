import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { REDIS_CLIENT, RedisClient } from '@derm/api/redis';

const PING_TIMEOUT_MS = 1000;

/** Redis answers a PING in time; a connection that is still (re)connecting is down at once. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient | null,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get configured(): boolean {
    return this.client !== null;
  }

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    if (!this.client) return indicator.up({ message: 'Not configured' });
    if (this.client.status !== 'ready') return indicator.down({ message: `Connection is ${this.client.status}` });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`No PONG within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.client.ping(), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
