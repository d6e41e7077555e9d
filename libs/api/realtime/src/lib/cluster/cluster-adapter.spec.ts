import { createAdapter } from '@socket.io/redis-streams-adapter';
import { AppConfig } from '@derm/api/config';
import { ClusterNode, RedisClient } from '@derm/api/redis';
import { CLUSTER_STREAM_MAX_LENGTH, clusterAdapter } from './cluster-adapter';

jest.mock('@socket.io/redis-streams-adapter', () => ({ createAdapter: jest.fn(() => 'adapter') }));

describe('clusterAdapter', () => {
  it('puts the stream, the channels and the recovery sessions inside the deployment prefix', () => {
    const client = {} as RedisClient;
    const node = new ClusterNode({ redisKeyPrefix: 'clinics-eu:' } as AppConfig);
    expect(clusterAdapter(client, node)).toBe('adapter');
    expect(createAdapter).toHaveBeenCalledWith(client, {
      streamName: 'clinics-eu:socket.io',
      channelPrefix: 'clinics-eu:socket.io',
      sessionKeyPrefix: 'clinics-eu:socket.io:session:',
      maxLen: CLUSTER_STREAM_MAX_LENGTH,
    });
  });
});
