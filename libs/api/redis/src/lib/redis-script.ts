import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client';

/**
 * A Lua script run atomically by Redis: by its SHA1 once Redis knows it, sent whole when it does
 * not (the first call, or after Redis restarted and forgot its script cache).
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, 0, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return client.eval(this.source, 0, ...args);
    }
  }
}
