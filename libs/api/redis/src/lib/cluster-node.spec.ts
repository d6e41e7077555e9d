import { AppConfig } from '@derm/api/config';
import { ClusterNode } from './cluster-node';

const config = { redisKeyPrefix: 'clinic-a:' } as AppConfig;

describe('ClusterNode', () => {
  it('names keys inside the deployment prefix', () => {
    expect(new ClusterNode(config).key('presence', 'node', 'n1')).toBe('clinic-a:presence:node:n1');
  });

  it('gets a new id at every start, naming the host and process', () => {
    const first = new ClusterNode(config);
    const second = new ClusterNode(config);
    expect(first.id).not.toBe(second.id);
    expect(first.id).toContain(`-${process.pid}-`);
  });
});
