import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/** The shared ioredis connection, or null when REDIS_URL is unset (one node, nothing shared). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export type RedisClient = Redis;

const QUIT_TIMEOUT_MS = 2000;

/**
 * Connects and keeps reconnecting for as long as the process lives: ioredis queues commands while
 * Redis is away, re-subscribes and resends them once it is back, so nothing above has to restart.
 * An outage is logged once when it starts and once when it ends, not on every retry.
 */
export function connectRedis(url: string, connectionName: string, logger = new Logger('Redis')): RedisClient {
  const client = new Redis(url, { connectionName });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error(`Redis is unreachable, retrying: ${error.message}`);
  });
  client.on('ready', () => {
    if (down) logger.log('Redis is reachable again');
    down = false;
  });
  return client;
}

/** Sends what is still queued, then closes; gives up waiting if Redis does not answer. */
export async function closeRedis(client: RedisClient, timeoutMs = QUIT_TIMEOUT_MS): Promise<void> {
  if (client.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([client.quit().catch(() => undefined), timeout]);
  clearTimeout(timer);
  client.disconnect();
}
