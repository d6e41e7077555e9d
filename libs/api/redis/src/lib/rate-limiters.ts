import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { Budget } from './budget';
import { ClusterNode } from './cluster-node';
import { REDIS_CLIENT, RedisClient } from './redis-client';

export interface RateLimit {
  /** Part of the Redis key, so that limiters never share counters. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * rate-limiter-flexible limiters: with REDIS_URL their counters live in Redis under
 * REDIS_KEY_PREFIX, so every node counts the same; otherwise in this process's memory. While
 * Redis is unreachable a node counts in memory instead of failing the request.
 */
@Injectable()
export class RateLimiters {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
    private readonly node: ClusterNode,
  ) {}

  create({ name, points, durationSeconds }: RateLimit): RateLimiterAbstract {
    const options = { points, duration: durationSeconds };
    if (!this.redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      keyPrefix: this.node.key('limits', name),
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  /** A limiter whose refusals are held (`Budget`): for what one person may spend. */
  budget(limit: RateLimit): Budget {
    return new Budget(this.create(limit));
  }
}
