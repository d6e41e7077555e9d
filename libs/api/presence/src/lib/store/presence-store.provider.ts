import { Provider } from '@nestjs/common';
import { ClusterNode, REDIS_CLIENT, RedisClient } from '@derm/api/redis';
import { InMemoryPresenceStore } from './in-memory-presence.store';
import { PresenceNode } from './presence-node';
import { presenceSettings } from './presence-settings';
import { PRESENCE_STORE, PresenceStore } from './presence-store';
import { RedisPresenceStore } from './redis-presence.store';

/** The one place that picks the deployment's store: shared in Redis when REDIS_URL is set. */
export const presenceStoreProvider: Provider<PresenceStore> = {
  provide: PRESENCE_STORE,
  inject: [PresenceNode, REDIS_CLIENT, ClusterNode],
  useFactory: (node: PresenceNode, redis: RedisClient | null, cluster: ClusterNode): PresenceStore =>
    redis
      ? new RedisPresenceStore(redis, {
          keyPrefix: cluster.key('{presence}', ''),
          ttlMs: node.ttlMs,
          renewEveryMs: node.renewEveryMs,
          settings: presenceSettings(node),
        })
      : new InMemoryPresenceStore({ ttlMs: node.ttlMs }),
};
