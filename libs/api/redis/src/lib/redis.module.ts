import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { ClusterNode } from './cluster-node';
import { RateLimiters } from './rate-limiters';
import { connectRedis, REDIS_CLIENT } from './redis-client';
import { RedisShutdown } from './redis-shutdown.service';

/** One Redis connection per node, shared by the Socket.IO adapter, presence, limits and health. */
@Global()
@Module({
  providers: [
    ClusterNode,
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig, ClusterNode],
      useFactory: (config: AppConfig, node: ClusterNode) =>
        config.redisUrl ? connectRedis(config.redisUrl, node.id) : null,
    },
    RedisShutdown,
    RateLimiters,
  ],
  exports: [ClusterNode, REDIS_CLIENT, RateLimiters],
})
export class RedisModule {}
