import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { ClusterNode } from './cluster-node';
import { connectRedis, REDIS_CLIENT } from './redis-client';
import { RedisShutdown } from './redis-shutdown.service';

/** One Redis connection per node, shared by the Socket.IO adapter, presence and health. */
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
  ],
  exports: [ClusterNode, REDIS_CLIENT],
})
export class RedisModule {}
