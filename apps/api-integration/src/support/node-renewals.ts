import Redis from 'ioredis';
import { eventually } from '@derm/shared/test-client';

/**
 * Waits for two renewals of a node, read from the store's `nodes` key under `presenceKeys`: the
 * first, maybe started before the call, has then been carried out in full.
 */
export async function twoRenewalsOf(redis: Redis, presenceKeys: string, node: string, renewEveryMs: number) {
  for (let i = 0; i < 2; i++) {
    const before = await redis.zscore(`${presenceKeys}nodes`, node);
    await eventually(
      'the node renews',
      async () => (await redis.zscore(`${presenceKeys}nodes`, node)) !== before,
      3 * renewEveryMs,
    );
  }
}
