import { startTcpBalancer, TcpBalancer } from '@derm/shared/test-client';
import { Cluster, startCluster } from './cluster';

export const TTL_MS = 4000;
export const RENEW_EVERY_MS = 1000;
export const GRACE_MS = 1000;
/** docs/deployment.md: a node that stops renewing loses its users (past their grace) and viewings within this. */
export const SWEPT_BOUND_MS = TTL_MS + RENEW_EVERY_MS + GRACE_MS;
/** The longest wait between two of ioredis's reconnection attempts, then one renewal. */
export const BACK_BOUND_MS = 2000 + RENEW_EVERY_MS;
/** A signal's way through Redis to the client, and the test's own timing. */
export const DELIVERY_MS = 1000;

export interface ClusterWithCutOffNode {
  /** Node A and node B, with the short presence timing above. */
  cluster: Cluster;
  /** Node B's only way to Redis, which the suite cuts; node A keeps its own. */
  linkOfB: TcpBalancer;
}

/** Two nodes, node B reaching Redis through a link the suite can cut: a node Redis is away from. */
export async function startClusterWithCutOffNode(): Promise<ClusterWithCutOffNode> {
  let linkOfB: TcpBalancer | undefined;
  const starting = startCluster(
    2,
    {
      PRESENCE_GRACE_MS: String(GRACE_MS),
      PRESENCE_ENTRY_TTL_MS: String(TTL_MS),
      PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
    },
    {
      redisUrlOf: async (redis, node) => {
        if (node === 0) return redis.url;
        linkOfB = await startTcpBalancer([redis.port]);
        return `redis://127.0.0.1:${linkOfB.port}`;
      },
    },
  );
  // A cluster that fails to start must not leave the link listening.
  const cluster = await starting.catch(async (error: unknown) => {
    await linkOfB?.close();
    throw error;
  });
  if (!linkOfB) throw new Error('Node B was started without its link to Redis');
  return { cluster, linkOfB };
}
