import { EventEmitter } from 'node:events';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { AppConfig } from '@derm/api/config';
import { ClusterNode, RedisClient } from '@derm/api/redis';
import { CLUSTER_STREAM_MAX_LENGTH, clusterAdapter } from './cluster-adapter';

const publish = jest.fn();
jest.mock('@socket.io/redis-streams-adapter', () => ({
  createAdapter: jest.fn(() => () => ({ doPublish: publish })),
}));

describe('clusterAdapter', () => {
  const node = new ClusterNode({ redisKeyPrefix: 'clinics-eu:' } as AppConfig);

  it('puts the stream, the channels and the recovery sessions inside the deployment prefix', () => {
    const client = new EventEmitter() as unknown as RedisClient;
    clusterAdapter(client, node);
    expect(createAdapter).toHaveBeenCalledWith(client, {
      streamName: 'clinics-eu:socket.io',
      channelPrefix: 'clinics-eu:socket.io',
      sessionKeyPrefix: 'clinics-eu:socket.io:session:',
      maxLen: CLUSTER_STREAM_MAX_LENGTH,
    });
  });

  it('reports connection errors and failed publishes, and still fails the publish', async () => {
    const client = new EventEmitter() as unknown as RedisClient;
    const errors: string[] = [];
    // Socket.IO constructs its adapter with `new`.
    const Adapter = clusterAdapter(client, node, (kind) => errors.push(kind)) as unknown as new (namespace: object) => {
      doPublish(message: never): Promise<unknown>;
    };
    const adapter = new Adapter({});
    client.emit('error', new Error('ECONNREFUSED'));
    publish.mockResolvedValueOnce('1-0').mockRejectedValueOnce(new Error('MaxRetriesPerRequestError'));

    await expect(adapter.doPublish({} as never)).resolves.toBe('1-0');
    await expect(adapter.doPublish({} as never)).rejects.toThrow('MaxRetriesPerRequestError');
    expect(errors).toEqual(['connection', 'publish']);
  });
});
