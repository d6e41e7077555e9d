import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { eventually, StaffSession } from '@derm/shared/test-client';
import { Cluster, readiness, startCluster } from './support/cluster';
import { sample, scrape } from './support/metrics';

describe('several nodes: each node counts its own share, and Redis trouble shows', () => {
  let cluster: Cluster;
  let nurse: StaffSession;
  let provider: StaffSession;

  beforeAll(async () => {
    cluster = await startCluster(2);
    nurse = await StaffSession.signIn(cluster.nodes[0].url, 'nurse@riverside.test');
    provider = await StaffSession.signIn(cluster.nodes[1].url, 'provider@riverside.test');
  });
  afterAll(async () => {
    [nurse, provider].forEach((s) => s?.close());
    await cluster?.dispose();
  });

  it('counts a message on the node that published it and the sockets on each node', async () => {
    const nurseSocket = await nurse.connect();
    await provider.connect();
    const thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [provider.userId],
        subject: 'Scale',
      })
    ).body;
    const message = (
      await provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, {
        body: 'Across nodes',
      })
    ).body;
    await nurseSocket.waitFor('message:new', (e) => e.data.message.id === message.id);

    const [a, b] = await Promise.all(cluster.nodes.map((node) => scrape(node.url)));
    expect(sample(a.text, 'derm_ws_connected_sockets{role="nurse",transport="websocket"}')).toBe(1);
    expect(sample(a.text, 'derm_ws_connected_sockets{role="provider",transport="websocket"}')).toBeUndefined();
    expect(sample(b.text, 'derm_ws_connected_sockets{role="provider",transport="websocket"}')).toBe(1);
    expect(sample(b.text, 'derm_events_published_total{type="message:new"}')).toBe(1);
    expect(sample(a.text, 'derm_events_published_total{type="message:new"}')).toBeUndefined();
    expect(sample(a.text, 'derm_redis_adapter_errors_total{kind="connection"}')).toBe(0);
  });

  it('counts Redis connection errors while Redis is away, and the node recovers', async () => {
    const [nodeA] = cluster.nodes;
    await cluster.redis.stop();
    await eventually(
      'node A counts Redis connection errors',
      async () =>
        (sample((await scrape(nodeA.url)).text, 'derm_redis_adapter_errors_total{kind="connection"}') ?? 0) > 0,
      10_000,
    );
    await cluster.redis.start();
    await readiness(nodeA, 200);
  });
});
