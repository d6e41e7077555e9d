import Redis from 'ioredis';
import { AppConfig } from '@derm/api/config';
import { eventually, RedisServer, startRedisServer } from '@derm/shared/test-client';
import { ORPHAN_MARGIN_MS, RedisTypingTracker } from './redis-typing-tracker';
import { Typist } from './typing-tracker';

/** Long enough that no start lapses by itself while a test runs, however loaded the machine. */
const LAPSE_MS = 60_000;
/** For the one test that waits for a node's own timer. */
const SHORT_LAPSE_MS = 300;
const typist: Typist = { tenantId: 't1', threadId: 'th1', userId: 'u1', name: 'Nora Quinn', socketId: 's1' };

describe('RedisTypingTracker', () => {
  let server: RedisServer;
  let redis: Redis;
  let run = 0;
  let prefix: string;
  let clock: number;
  /** Two nodes' trackers on one Redis; `clock` is how far ahead node B's view of time runs. */
  let nodeA: RedisTypingTracker;
  let nodeB: RedisTypingTracker;
  let lapsedOnA: Typist[];
  let lapsedOnB: Typist[];

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });
  const startNodes = (lapseMs: number) => {
    const config = { typingLapseMs: lapseMs } as AppConfig;
    nodeA = new RedisTypingTracker(config, redis, prefix);
    nodeB = new RedisTypingTracker(config, redis, prefix, () => Date.now() + clock);
    lapsedOnA = [];
    lapsedOnB = [];
    nodeA.onLapse((t) => lapsedOnA.push(t));
    nodeB.onLapse((t) => lapsedOnB.push(t));
  };
  beforeEach(() => {
    clock = 0;
    prefix = `test-${++run}:typing:`;
    startNodes(LAPSE_MS);
  });
  /** The trackers write without waiting; a command on their connection answers after those writes. */
  const written = () => redis.ping();

  afterEach(() => {
    nodeA.onModuleDestroy();
    nodeB.onModuleDestroy();
  });

  it('lapses on the node that holds the socket, and leaves nothing for the others to claim', async () => {
    nodeA.onModuleDestroy();
    nodeB.onModuleDestroy();
    startNodes(SHORT_LAPSE_MS);
    expect(nodeA.start(typist)).toBe(true);
    await eventually('node A lapses its typist', async () => lapsedOnA.length > 0, 10_000);
    expect(lapsedOnA).toEqual([typist]);
    clock = SHORT_LAPSE_MS + ORPHAN_MARGIN_MS;
    await nodeB.claimOrphans();
    expect(lapsedOnB).toEqual([]);
  });

  it('lets another node lapse the typists of a node that died, once', async () => {
    nodeA.start(typist);
    await written();
    // Node A stops without lapsing anything, as a killed process would.
    nodeA.onModuleDestroy();
    await nodeB.claimOrphans();
    expect(lapsedOnB).toEqual([]);

    clock = LAPSE_MS + ORPHAN_MARGIN_MS;
    await Promise.all([nodeB.claimOrphans(), nodeB.claimOrphans()]);
    expect(lapsedOnB).toEqual([typist]);
    expect(lapsedOnA).toEqual([]);
  });

  it('skips a due entry whose typist is missing, and still lapses the others', async () => {
    await redis.zadd(`${prefix}due`, 0, 't1|th9|u9');
    nodeA.start(typist);
    await written();
    nodeA.onModuleDestroy();
    clock = LAPSE_MS + ORPHAN_MARGIN_MS;
    await nodeB.claimOrphans();
    expect(lapsedOnB).toEqual([typist]);
  });

  it('forgets a typist who stopped, wherever the stop came from', async () => {
    nodeA.start(typist);
    expect(nodeB.stop(typist)).toBeUndefined();
    await written();
    nodeA.onModuleDestroy();
    clock = LAPSE_MS + ORPHAN_MARGIN_MS;
    await nodeB.claimOrphans();
    expect(lapsedOnB).toEqual([]);
  });

  it('hands over a typist of another node to the node that ends their typing, once', async () => {
    nodeA.start(typist);
    await written();
    expect(await nodeB.stopAnywhere(typist)).toEqual(typist);
    expect(await nodeB.stopAnywhere(typist)).toBeUndefined();
    expect(await nodeA.typingIn('t1', 'th1')).toEqual([]);
    // Nor is it left for the orphan sweep to announce again.
    nodeA.onModuleDestroy();
    clock = LAPSE_MS + ORPHAN_MARGIN_MS;
    await nodeB.claimOrphans();
    expect(lapsedOnB).toEqual([]);
  });

  it('leaves the typist of a start ended on another node unannounced when its own timer lapses it', async () => {
    nodeA.onModuleDestroy();
    nodeB.onModuleDestroy();
    startNodes(SHORT_LAPSE_MS);
    const colleague = { ...typist, userId: 'u2', name: 'Felix Ward', socketId: 's2' };
    nodeA.start(typist);
    await written();
    // A message sent through node B ended the typing: B announces it.
    expect(await nodeB.stopAnywhere(typist)).toEqual(typist);
    // Started after, so node A's timer for it runs out after the first one's.
    nodeA.start(colleague);
    await eventually('node A lapses the colleague', async () => lapsedOnA.length > 0, 10_000);
    expect(lapsedOnA).toEqual([colleague]);
  });

  it("reads a thread's typists on every node, without other threads, other clinics or lapsed starts", async () => {
    const colleague = { ...typist, userId: 'u2', name: 'Felix Ward', socketId: 's2' };
    nodeA.start(typist);
    nodeB.start(colleague);
    nodeA.start({ ...typist, threadId: 'th2' });
    nodeB.start({ ...typist, tenantId: 't2' });
    await written();
    expect(await nodeA.typingIn('t1', 'th1')).toEqual(expect.arrayContaining([typist, colleague]));
    expect(await nodeB.typingIn('t1', 'th1')).toHaveLength(2);

    // Node A dies; later its typist is due, though nobody has claimed it yet, while B's renews.
    nodeA.onModuleDestroy();
    clock = LAPSE_MS + 1;
    nodeB.start(colleague);
    await written();
    expect(await nodeB.typingIn('t1', 'th1')).toEqual([colleague]);
  });
});
