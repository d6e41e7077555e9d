import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ClusterNode, RedisClient } from '@derm/api/redis';

/**
 * Recent broadcasts kept in the stream for connection-state recovery (approximate trimming).
 * A client away for longer than this many broadcasts cannot recover and re-fetches instead.
 */
export const CLUSTER_STREAM_MAX_LENGTH = 10_000;

export type RedisAdapterErrorKind = 'connection' | 'publish';

/**
 * The Socket.IO adapter shared by every node of the deployment: broadcasts go through one Redis
 * stream (which is what lets a client recover on another node), sessions of dropped connections
 * are kept in Redis for the recovery window. All names live under REDIS_KEY_PREFIX.
 */
export function clusterAdapter(
  client: RedisClient,
  node: ClusterNode,
  onError: (kind: RedisAdapterErrorKind) => void = () => undefined,
) {
  const create = createAdapter(client, {
    streamName: node.key('socket.io'),
    channelPrefix: node.key('socket.io'),
    sessionKeyPrefix: node.key('socket.io', 'session', ''),
    maxLen: CLUSTER_STREAM_MAX_LENGTH,
  });
  client.on('error', () => onError('connection'));
  // The adapter swallows a failed publish (the broadcast reaches this node's sockets only): count it.
  // A function, not an arrow: Socket.IO calls it with `new`.
  return function countingAdapter(namespace: Parameters<typeof create>[0]) {
    const adapter = create(namespace);
    const publish = adapter.doPublish.bind(adapter);
    adapter.doPublish = (message) =>
      Promise.resolve(publish(message)).catch((error: unknown) => {
        onError('publish');
        throw error;
      });
    return adapter;
  };
}
