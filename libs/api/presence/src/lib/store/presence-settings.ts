import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ClusterNode, REDIS_CLIENT, RedisClient, RedisScript } from '@derm/api/redis';
import { PresenceNode } from './presence-node';

/** ARGV: key, settings, ttlMs → the settings in force: these, unless running nodes hold others. */
const CLAIM = new RedisScript(`
redis.call('SET', ARGV[1], ARGV[2], 'NX', 'PX', ARGV[3])
return redis.call('GET', ARGV[1])
`);

/** The timing every node of a deployment must share, as published in Redis. */
export const presenceSettings = ({ ttlMs, renewEveryMs }: Pick<PresenceNode, 'ttlMs' | 'renewEveryMs'>): string =>
  `PRESENCE_ENTRY_TTL_MS=${ttlMs} PRESENCE_RENEW_EVERY_MS=${renewEveryMs}`;

/**
 * Refuses to start a node whose presence timing differs from the running nodes': a node that
 * renews less often than the others expect would be taken for dead, one with a longer TTL would
 * keep dead nodes' users online past the bound. The settings key lives as long as some node
 * renews it (RENEW), so a deployment stopped for a TTL may come back with new values.
 */
@Injectable()
export class PresenceSettingsCheck implements OnModuleInit {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
    private readonly cluster: ClusterNode,
    private readonly node: PresenceNode,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    const mine = presenceSettings(this.node);
    const key = this.cluster.key('{presence}', 'settings');
    const inForce = await CLAIM.run(this.redis, [key, mine, this.node.ttlMs]).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not compare presence settings with the running nodes' in Redis: ${reason}`);
    });
    if (inForce !== mine) {
      throw new Error(
        `Presence settings differ from the running nodes': this node has ${mine}, they have ${String(inForce)}. ` +
          'Give every node the same values, or stop them all for a TTL before changing them.',
      );
    }
  }
}
