import DataLoader from 'dataloader';

/**
 * How long a read waits for others to share its query: far below what anyone sees, and long
 * enough to gather a dozen handshakes of a reconnect storm, where a turn of the event loop brings
 * two or three.
 */
export const GATHERING_WINDOW_MS = 20;

/**
 * One query for the reads of a short window. After a deploy every tab reconnects at once and each
 * connection asks the same questions (whose account, is the session revoked, what are the counts):
 * the database sees one query per moment rather than one per tab. Nothing is cached here, so every
 * batch reads afresh; callers cache what may be cached. `read` answers its keys in their order, at
 * most `maxKeys` at a time.
 */
export function gatheredReads<K, V>(
  read: (keys: readonly K[]) => Promise<V[]>,
  maxKeys: number,
): (key: K) => Promise<V> {
  const loader = new DataLoader<K, V>(read, {
    cache: false,
    batchScheduleFn: (run) => setTimeout(run, GATHERING_WINDOW_MS),
    maxBatchSize: maxKeys,
  });
  return (key) => loader.load(key);
}
