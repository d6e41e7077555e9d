import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { closeRedis, REDIS_CLIENT, RedisClient } from './redis-client';

/**
 * Closes the shared connection last: its module is global, so Nest runs this hook after every
 * feature module's own, once the sockets are closed and their sessions were written.
 */
@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client) await closeRedis(this.client);
  }
}
