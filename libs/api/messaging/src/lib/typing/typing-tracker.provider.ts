import { Provider } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { RedisTypingTracker } from './redis-typing-tracker';
import { TypingTracker } from './typing-tracker';

/** In memory on one node; with REDIS_URL, also recorded in Redis so a dead node's typists lapse. */
export const typingTrackerProvider: Provider<TypingTracker> = {
  provide: TypingTracker,
  inject: [AppConfig, REDIS_CLIENT, ClusterNode],
  useFactory: (config: AppConfig, redis: RedisClient | null, cluster: ClusterNode): TypingTracker =>
    redis ? new RedisTypingTracker(config, redis, cluster.key('{typing}', '')) : new TypingTracker(config),
};
