import Redis from 'ioredis';
import { RedisServer, startRedisServer } from '@derm/shared/test-client';
import { RedisPresenceStore, RedisPresenceStoreOptions } from './redis-presence.store';
import { connection, T0, viewing } from './presence-store.fixtures';

const TTL = 30_000;
const RENEW_EVERY = 10_000;

describe('RedisPresenceStore', () => {
  let server: RedisServer;
  let redis: Redis;
  let now: number;
  let run = 0;
  let options: RedisPresenceStoreOptions;
  /** Two nodes' stores on one Redis, as in a deployment. */
  let nodeA: RedisPresenceStore;
  let nodeB: RedisPresenceStore;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });
  beforeEach(() => {
    now = T0;
    options = {
      keyPrefix: `test-${++run}:presence:`,
      ttlMs: TTL,
      renewEveryMs: RENEW_EVERY,
      settings: 'settings',
      now: () => now,
    };
    nodeA = new RedisPresenceStore(redis, options);
    nodeB = new RedisPresenceStore(redis, options);
  });

  it('announces a user on their first socket on any node only', async () => {
    expect(await nodeA.addConnection('node-a', connection('u1', 's1'))).toEqual({ cameOnline: true });
    expect(await nodeB.addConnection('node-b', connection('u1', 's2'))).toEqual({ cameOnline: false });
    expect(await nodeB.listOnline('t1')).toEqual([
      { tenantId: 't1', userId: 'u1', name: 'Name u1', role: 'nurse', since: new Date(T0) },
    ]);
    expect(await nodeA.listOnline('t2')).toEqual([]);
  });

  it('starts the grace period only when the last socket on every node is gone', async () => {
    await nodeA.addConnection('node-a', connection('u1', 's1'));
    await nodeB.addConnection('node-b', connection('u1', 's2'));
    expect(await nodeA.removeConnection('t1', 's1', new Date(T0 + 1000))).toEqual({
      remainingSockets: 1,
      endedViewings: [],
    });
    expect(await nodeB.removeConnection('t1', 's2', new Date(T0 + 2000))).toEqual({
      remainingSockets: 0,
      lastSeenAt: new Date(T0 + 2000),
      endedViewings: [],
    });
    expect(await nodeB.removeConnection('t1', 's2', new Date(T0 + 3000))).toBeNull();
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u1']);
  });

  // Socket.IO keeps a recovered connection's id: it may come back before its node removed the dropped
  // one, which waited for its chart commands. That removal ends the dropped one's viewings only.
  it('keeps a socket recovered on its own node before the dropped connection was removed', async () => {
    await nodeA.addConnection('node-a', connection('u1', 's1'));
    await nodeA.startViewing(viewing('u1', 's1', 'p1'));
    expect(await nodeA.addConnection('node-a', connection('u1', 's1'))).toEqual({ cameOnline: false });
    expect(await nodeA.removeConnection('t1', 's1', new Date(T0 + 1000))).toEqual({
      remainingSockets: 1,
      endedViewings: [viewing('u1', 's1', 'p1')],
    });
    expect(await nodeA.settleOffline('t1', 'u1', new Date(T0 + 60_000))).toBeNull();
    expect((await nodeA.listOnline('t1')).map((user) => user.userId)).toEqual(['u1']);
    expect((await nodeA.startViewing(viewing('u1', 's1', 'p2'))).viewing).toEqual(viewing('u1', 's1', 'p2'));
    expect(await nodeA.removeConnection('t1', 's1', new Date(T0 + 2000))).toEqual({
      remainingSockets: 0,
      lastSeenAt: new Date(T0 + 2000),
      endedViewings: [viewing('u1', 's1', 'p2')],
    });
  });

  it('settles a user offline after the grace, once, unless a socket came back on any node', async () => {
    await nodeA.addConnection('node-a', connection('u1', 's1'));
    await nodeA.removeConnection('t1', 's1', new Date(T0));
    await nodeB.addConnection('node-b', connection('u1', 's2'));
    expect(await nodeA.settleOffline('t1', 'u1', new Date(T0))).toBeNull();
    await nodeB.removeConnection('t1', 's2', new Date(T0 + 5000));
    expect(await nodeA.settleOffline('t1', 'u1', new Date(T0))).toBeNull();
    const settled = await Promise.all([
      nodeA.settleOffline('t1', 'u1', new Date(T0 + 5000)),
      nodeB.settleOffline('t1', 'u1', new Date(T0 + 5000)),
    ]);
    expect(settled.filter(Boolean)).toEqual([{ tenantId: 't1', userId: 'u1', lastSeenAt: new Date(T0 + 5000) }]);
    expect(await nodeA.listOnline('t1')).toEqual([]);
    expect(await nodeB.addConnection('node-b', connection('u1', 's3'))).toEqual({ cameOnline: true });
  });

  it('tracks viewings per socket and ends them with their socket', async () => {
    await nodeA.addConnection('node-a', connection('u1', 's1'));
    await nodeB.addConnection('node-b', connection('u1', 's2'));
    expect((await nodeA.startViewing(viewing('u1', 's1'))).viewing).toEqual(viewing('u1', 's1'));
    expect((await nodeA.startViewing(viewing('u1', 's1', 'p1', T0 + 1))).viewing).toBeNull();
    await nodeB.startViewing(viewing('u1', 's2', 'p1', T0 + 10));
    await nodeA.startViewing(viewing('u1', 's1', 'p2'));
    expect((await nodeB.viewingsOf('t1', 'p1')).map((v) => v.socketId)).toEqual(['s1', 's2']);
    const removed = await nodeA.removeConnection('t1', 's1', new Date(T0 + 20));
    expect(removed?.endedViewings.map((v) => v.patientId).sort()).toEqual(['p1', 'p2']);
    expect((await nodeA.viewingsOf('t1', 'p1')).map((v) => v.socketId)).toEqual(['s2']);
    expect(await nodeA.viewingsOf('t1', 'p2')).toEqual([]);
    expect(await nodeB.stopViewing('t1', 's2', 'p1')).toEqual({
      viewing: viewing('u1', 's2', 'p1', T0 + 10),
      viewings: [],
    });
    expect(await nodeB.stopViewing('t1', 's2', 'p1')).toEqual({ viewing: null, viewings: [] });
  });

  it('refuses a viewing for a socket it does not know (already disconnected)', async () => {
    expect(await nodeA.startViewing(viewing('u1', 'gone'))).toEqual({ viewing: null, viewings: [] });
  });

  it('leaves a socket recovered on another node to that node; its former node ends only the viewings it recorded', async () => {
    await nodeB.addConnection('node-b', connection('u1', 's1'));
    await nodeB.startViewing(viewing('u1', 's1', 'p1'));
    // The connection dropped and was recovered on node A under the same id, while node B was still
    // working through the dropped connection's commands.
    await nodeA.addConnection('node-a', connection('u1', 's1'));
    expect(await nodeB.startViewing(viewing('u1', 's1', 'p2'))).toEqual({ viewing: null, viewings: [] });
    expect(await nodeB.removeConnection('t1', 's1', new Date(T0 + 1000))).toEqual({
      remainingSockets: 1,
      endedViewings: [viewing('u1', 's1', 'p1')],
    });
    expect(await nodeA.viewingsOf('t1', 'p1')).toEqual([]);
    expect(await nodeA.settleOffline('t1', 'u1', new Date(T0 + 60_000))).toBeNull();
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u1']);
    expect((await nodeA.startViewing(viewing('u1', 's1', 'p2'))).viewing).toEqual(viewing('u1', 's1', 'p2'));

    // Node B then dies: its lapse must not take the socket node A now holds.
    await aliveUntil(T0 + TTL);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    expect(await nodeA.removeConnection('t1', 's1', new Date(T0 + TTL))).toEqual({
      remainingSockets: 0,
      lastSeenAt: new Date(T0 + TTL),
      endedViewings: [viewing('u1', 's1', 'p2')],
    });
  });

  /** Node A renewing on its beat from T0 to `until`, as its heartbeat would. */
  const aliveUntil = async (until: number, from = T0) => {
    for (now = from; now <= until; now += RENEW_EVERY) await nodeA.renew('node-a');
    now = until;
  };

  it('expires the sockets of a node that stops renewing, reported to one sweeper only', async () => {
    await aliveUntil(T0, T0 - TTL);
    await nodeA.addConnection('node-a', connection('u1', 'a1'));
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    await nodeB.addConnection('node-b', connection('u1', 'b2'));
    await nodeB.startViewing(viewing('u2', 'b1'));
    await aliveUntil(T0 + TTL - 1, T0 + RENEW_EVERY);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    await aliveUntil(T0 + TTL, T0 + TTL);
    const [first, second] = await Promise.all([nodeA.sweep(5000), nodeA.sweep(5000)]);
    const swept = first.endedViewings.length > 0 ? first : second;
    expect(first.endedViewings.length + second.endedViewings.length).toBe(1);
    expect(swept.endedViewings).toEqual([viewing('u2', 'b1')]);
    // u2 was last known at node B's last renewal (T0), longer ago than the grace: offline at once.
    expect(swept.offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }]);
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u1']);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
  });

  it('lapses nobody until the sweeper itself has renewed on time for a whole TTL', async () => {
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    now = T0 + 10 * TTL;
    await nodeA.renew('node-a');
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    await aliveUntil(T0 + 11 * TTL - 1, T0 + 10 * TTL);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    now = T0 + 11 * TTL;
    await nodeA.renew('node-a');
    expect((await nodeA.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }]);
  });

  it('after a whole-cluster restart, lapses a new node on its own renewal, not on the downtime', async () => {
    // An earlier cluster's node, gone for ten minutes, left a user and the old sweep marker.
    now = T0 - 600_000;
    await new RedisPresenceStore(redis, options).addConnection('old-node', connection('u0', 'o1'));
    await redis.set(`${options.keyPrefix}swept-at`, now);
    now = T0;
    await nodeA.renew('node-a');
    now = T0 + 1000;
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    // Node B dies at once. Node A beats on and sweeps on every beat.
    const offline: { userId: string; at: number }[] = [];
    for (now = T0 + RENEW_EVERY; now <= T0 + 1000 + TTL + RENEW_EVERY; now += RENEW_EVERY) {
      await nodeA.renew('node-a');
      for (const user of (await nodeA.sweep(5000)).offline) offline.push({ userId: user.userId, at: now });
    }
    expect(offline).toEqual([
      { userId: 'u0', at: T0 + TTL },
      { userId: 'u2', at: T0 + TTL + RENEW_EVERY },
    ]);
  });

  it('settles, in a sweep, a user whose grace timer was lost with its node', async () => {
    await nodeB.addConnection('node-b', connection('u1', 's1'));
    await nodeB.removeConnection('t1', 's1', new Date(T0));
    now = T0 + 4999;
    expect((await nodeA.sweep(5000)).offline).toEqual([]);
    now = T0 + 5000;
    expect((await nodeA.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u1', lastSeenAt: new Date(T0) }]);
  });

  it('puts back, at the next renewal, what its node holds after Redis lost everything', async () => {
    await nodeA.addConnection('node-a', connection('u1', 'a1'));
    await nodeA.startViewing(viewing('u1', 'a1'));
    await nodeA.addConnection('node-a', connection('u2', 'a2'));
    await nodeA.removeConnection('t1', 'a2', new Date(T0));
    await redis.flushall();
    expect(await nodeA.listOnline('t1')).toEqual([]);

    // Nobody was told anything: nobody is to be announced again.
    expect(await nodeA.renew('node-a')).toEqual({ backOnline: [], restoredViewings: [viewing('u1', 'a1')] });
    expect((await nodeB.listOnline('t1')).map((u) => u.userId)).toEqual(['u1']);
    expect(await nodeB.viewingsOf('t1', 'p1')).toEqual([viewing('u1', 'a1')]);
    expect(await nodeB.addConnection('node-b', connection('u1', 'b1'))).toEqual({ cameOnline: false });
  });

  it('forgets a viewing whose start failed: no renewal puts it back, other viewings stay asserted', async () => {
    await nodeA.addConnection('node-a', connection('u1', 'a1'));
    await nodeA.addConnection('node-a', connection('u2', 'a2'));
    await nodeA.startViewing(viewing('u2', 'a2'));
    // The socket's entry is not a hash: the start's script fails before recording anything.
    await redis.set(`${options.keyPrefix}conn:t1|a1`, 'not a hash');
    await expect(nodeA.startViewing(viewing('u1', 'a1'))).rejects.toThrow(/WRONGTYPE/);
    await redis.flushall();

    expect(await nodeA.renew('node-a')).toEqual({ backOnline: [], restoredViewings: [viewing('u2', 'a2')] });
    expect(await nodeB.viewingsOf('t1', 'p1')).toEqual([viewing('u2', 'a2')]);
  });

  /*
   * Recording a connection fails at four points: Redis refuses the script's first write (out of
   * memory, so nothing is recorded and an earlier entry of the socket stays as it was), its script
   * fails before recording anything or after recording the socket only (a key of the wrong type:
   * Redis answers WRONGTYPE, and a script is not undone by its error), or the script ran in full but
   * its answer never came back.
   */
  describe.each([
    { fails: 'refused by Redis (out of memory)', broken: null, outOfMemory: true },
    { fails: 'before recording anything', broken: (t: string, _u: string, s: string) => `conn:${t}|${s}` },
    { fails: 'after recording the socket only', broken: (t: string, u: string) => `sockets:${t}|${u}` },
    { fails: 'with its answer lost', broken: null },
  ])('a connection whose recording fails $fails', ({ broken, outOfMemory = false }) => {
    let answersLost: boolean;
    let nodeC: RedisPresenceStore;

    afterEach(async () => {
      await redis.config('SET', 'maxmemory', '0');
    });

    beforeEach(async () => {
      answersLost = false;
      const lossy = new Proxy(redis, {
        get: (target, property) =>
          property === 'evalsha'
            ? async (...args: Parameters<Redis['evalsha']>) => {
                const answer = await target.evalsha(...args);
                if (answersLost) throw new Error('Connection is closed.');
                return answer;
              }
            : Reflect.get(target, property, target),
      });
      nodeC = new RedisPresenceStore(lossy, options);
      // Load the scripts: an EVAL fallback would not lose its answer.
      await nodeC.renew('node-c');
    });

    /** Node C's add of the connection fails as described; the store is then whole again. */
    const failedAdd = async (userId: string, socketId: string, tenantId = 't1') => {
      const brokenKey = broken && `${options.keyPrefix}${broken(tenantId, userId, socketId)}`;
      if (brokenKey) await redis.set(brokenKey, 'not what the script expects');
      if (outOfMemory) await redis.config('SET', 'maxmemory', '1');
      answersLost = !brokenKey && !outOfMemory;
      const added = nodeC.addConnection('node-c', { ...connection(userId, socketId), tenantId });
      await expect(added).rejects.toThrow(brokenKey ? /WRONGTYPE/ : outOfMemory ? /OOM/ : /closed/);
      answersLost = false;
      if (brokenKey) await redis.del(brokenKey);
      if (outOfMemory) await redis.config('SET', 'maxmemory', '0');
    };

    it('announces its user at the next renewal, once, as nobody was told', async () => {
      await nodeA.addConnection('node-a', connection('u1', 'a1'));
      await failedAdd('u2', 'a2');

      expect(await nodeC.renew('node-c')).toEqual({
        backOnline: [{ tenantId: 't1', userId: 'u2', name: 'Name u2', role: 'nurse', since: new Date(T0) }],
        restoredViewings: [],
      });
      expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u1', 'u2']);
      expect(await nodeA.listOnline('t2')).toEqual([]);
      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
      expect(await nodeA.addConnection('node-a', connection('u2', 'a3'))).toEqual({ cameOnline: false });
      // The socket is recorded as any other: its close starts the grace.
      await nodeA.removeConnection('t1', 'a3', new Date(T0));
      expect(await nodeC.removeConnection('t1', 'a2', new Date(T0 + 1000))).toEqual({
        remainingSockets: 0,
        lastSeenAt: new Date(T0 + 1000),
        endedViewings: [],
      });
    });

    it('announces nobody of another clinic, and nobody the clinic was told is online', async () => {
      await failedAdd('u2', 'a2', 't2');
      // u1 is online with a socket on node A; u3's last socket closed, within the grace.
      await nodeA.addConnection('node-a', connection('u1', 'a1'));
      await failedAdd('u1', 'c1');
      await nodeA.addConnection('node-a', connection('u3', 'a3'));
      await nodeA.removeConnection('t1', 'a3', new Date(T0));
      await failedAdd('u3', 'c3');

      const renewal = await nodeC.renew('node-c');
      expect(renewal.backOnline.map(({ tenantId, userId }) => [tenantId, userId])).toEqual([['t2', 'u2']]);
      expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u1', 'u3']);
      // u3 has a socket again: the grace over, they stay online.
      expect(await nodeA.settleOffline('t1', 'u3', new Date(T0))).toBeNull();
      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
    });

    it('announces its user once even when the renewal that recorded it lost its answer', async () => {
      await failedAdd('u2', 'a2');
      answersLost = true;
      await expect(nodeC.renew('node-c')).rejects.toThrow(/closed/);
      answersLost = false;
      expect((await nodeC.renew('node-c')).backOnline.map((u) => u.userId)).toEqual(['u2']);
      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
    });

    // Socket.IO keeps a recovered connection's id: the entry its first add left is still there.
    it('does not announce again the user of a socket recovered on its node, announced by its first add', async () => {
      expect(await nodeC.addConnection('node-c', connection('u2', 'c2'))).toEqual({ cameOnline: true });
      await failedAdd('u2', 'c2');

      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
      // The dropped connection's removal leaves the recovered socket recorded: the user stays online.
      expect(await nodeC.removeConnection('t1', 'c2', new Date(T0 + 1000))).toEqual({
        remainingSockets: 1,
        endedViewings: [],
      });
      expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u2']);
      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
    });

    it('announces once the user of a socket recovered on its node whose new add goes through', async () => {
      await failedAdd('u2', 'c2');
      expect(await nodeC.addConnection('node-c', connection('u2', 'c2'))).toEqual({ cameOnline: true });
      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
      expect(await nodeC.removeConnection('t1', 'c2', new Date(T0 + 1000))).toEqual({
        remainingSockets: 1,
        endedViewings: [],
      });
      expect(await nodeC.removeConnection('t1', 'c2', new Date(T0 + 2000))).toEqual({
        remainingSockets: 0,
        lastSeenAt: new Date(T0 + 2000),
        endedViewings: [],
      });
    });

    // A recovered connection's add and the node's renewal both carry the failed add's id: one announces.
    it.each([
      {
        first: 'the new add',
        racers: (add: () => Promise<string[]>, renew: () => Promise<string[]>) => [add(), renew()],
      },
      {
        first: 'the renewal',
        racers: (add: () => Promise<string[]>, renew: () => Promise<string[]>) => [renew(), add()],
      },
    ])(
      'announces once the user of a socket recovered on its node whose new add races a renewal: $first sent first',
      async ({ racers }) => {
        await nodeB.addConnection('node-b', { ...connection('u2', 'b2'), tenantId: 't2' });
        await failedAdd('u2', 'c2');

        const add = async () =>
          (await nodeC.addConnection('node-c', connection('u2', 'c2'))).cameOnline ? ['t1|u2'] : [];
        const renew = async () =>
          (await nodeC.renew('node-c')).backOnline.map(({ tenantId, userId }) => `${tenantId}|${userId}`);
        const announced = (await Promise.all(racers(add, renew))).flat();
        for (const [node, store] of [
          ['node-b', nodeB],
          ['node-c', nodeC],
        ] as const) {
          announced.push(
            ...(await store.renew(node)).backOnline.map(({ tenantId, userId }) => `${tenantId}|${userId}`),
          );
        }

        expect(announced).toEqual(['t1|u2']);
        expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u2']);
        expect(await nodeC.removeConnection('t1', 'c2', new Date(T0 + 1000))).toEqual({
          remainingSockets: 1,
          endedViewings: [],
        });
      },
    );

    it("announces once the user of a socket whose removal races its node's renewal", async () => {
      await failedAdd('u2', 'c2');

      const [renewal, removed] = await Promise.all([
        nodeC.renew('node-c'),
        nodeC.removeConnection('t1', 'c2', new Date(T0 + 1000)),
      ]);
      const announced = [...renewal.backOnline, ...(removed?.unannounced ? [removed.unannounced] : [])];
      announced.push(...(await nodeC.renew('node-c')).backOnline);

      expect(announced.map(({ tenantId, userId }) => `${tenantId}|${userId}`)).toEqual(['t1|u2']);
      expect(removed).toMatchObject({ remainingSockets: 0, lastSeenAt: new Date(T0 + 1000) });
    });

    /*
     * The connection dropped before node C's next renewal and was recovered on node A, under the
     * same id. Node C removes the dropped connection when it has finished with its commands, so
     * before or after node A records the recovered one, and maybe after a renewal.
     */
    it.each([
      { order: 'node C removes the dropped connection first', steps: ['remove on C', 'add on A'] },
      { order: 'node A records it first', steps: ['add on A', 'remove on C'] },
      { order: 'node C renews in between', steps: ['add on A', 'renew C', 'remove on C'] },
    ])(
      'announces once the user of a socket recovered on another node before the renewal: $order',
      async ({ steps }) => {
        // The same person id in another clinic, online there: nothing of theirs may be announced.
        await nodeB.addConnection('node-b', { ...connection('u2', 'b2'), tenantId: 't2' });
        await failedAdd('u2', 'c2');

        const announced: string[] = [];
        const told = (users: { tenantId: string; userId: string }[]) =>
          announced.push(...users.map(({ tenantId, userId }) => `${tenantId}|${userId}`));
        for (const step of steps) {
          if (step === 'remove on C') {
            const removed = await nodeC.removeConnection('t1', 'c2', new Date(T0 + 1000));
            told(removed?.unannounced ? [removed.unannounced] : []);
          } else if (step === 'add on A') {
            const added = await nodeA.addConnection('node-a', connection('u2', 'c2'));
            told(added.cameOnline ? [{ tenantId: 't1', userId: 'u2' }] : []);
          } else told((await nodeC.renew('node-c')).backOnline);
        }
        for (const [node, store] of [
          ['node-a', nodeA],
          ['node-b', nodeB],
          ['node-c', nodeC],
        ] as const) {
          told((await store.renew(node)).backOnline);
          told((await store.renew(node)).backOnline);
        }

        expect(announced).toEqual(['t1|u2']);
        expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u2']);
        expect(await nodeA.listOnline('t2')).toEqual([
          { tenantId: 't2', userId: 'u2', name: 'Name u2', role: 'nurse', since: new Date(T0) },
        ]);
        // Node A holds the socket now: its close starts the grace.
        expect(await nodeA.removeConnection('t1', 'c2', new Date(T0 + 2000))).toEqual({
          remainingSockets: 0,
          lastSeenAt: new Date(T0 + 2000),
          endedViewings: [],
        });
      },
    );
  });

  it('announces once the user of an add run twice, resent by the client as its first answer was lost', async () => {
    const resending = new Proxy(redis, {
      get: (target, property) =>
        property === 'evalsha'
          ? async (...args: Parameters<Redis['evalsha']>) => {
              await target.evalsha(...args);
              return target.evalsha(...args);
            }
          : Reflect.get(target, property, target),
    });
    const nodeC = new RedisPresenceStore(resending, options);
    // Load the scripts: an EVAL fallback would not be resent.
    await nodeC.renew('node-c');
    await nodeA.addConnection('node-a', { ...connection('u2', 'a2'), tenantId: 't2' });

    expect(await nodeC.addConnection('node-c', connection('u2', 'c2'))).toEqual({ cameOnline: true });
    expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
    expect(await nodeA.addConnection('node-a', connection('u2', 'a3'))).toEqual({ cameOnline: false });
    expect(await nodeC.addConnection('node-c', connection('u3', 'c3'))).toEqual({ cameOnline: true });
    expect(await nodeC.addConnection('node-c', connection('u3', 'c4'))).toEqual({ cameOnline: false });
  });

  it('reports, at its next renewal, what a sweep took from a node cut off from Redis, once', async () => {
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    await nodeB.startViewing(viewing('u2', 'b1'));
    await aliveUntil(T0 + TTL);
    const swept = await nodeA.sweep(5000);
    expect(swept.offline.map((u) => u.userId)).toEqual(['u2']);

    now += RENEW_EVERY;
    expect(await nodeB.renew('node-b')).toEqual({
      backOnline: [{ tenantId: 't1', userId: 'u2', name: 'Name u2', role: 'nurse', since: new Date(T0) }],
      restoredViewings: [viewing('u2', 'b1')],
    });
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u2']);
    expect(await nodeA.viewingsOf('t1', 'p1')).toEqual([viewing('u2', 'b1')]);
    expect(await nodeB.renew('node-b')).toEqual({ backOnline: [], restoredViewings: [] });
  });

  /*
   * The link drops as the renewal that puts the node back runs: its answer never comes. The client
   * resends it once reconnected, or the node's renewal fails and a later one gets through (after
   * more answers lost, maybe). The first run took the node's swept mark and put everything back.
   */
  it.each([
    { how: 'resent by the client', lost: 1, resent: true },
    { how: 'failed on its node, twice, before a renewal got through', lost: 2, resent: false },
  ])(
    'reports what a sweep took from its node once when the renewal putting it back lost its answer: $how',
    async ({ lost, resent }) => {
      let losing = 0;
      const lossy = new Proxy(redis, {
        get: (target, property) =>
          property === 'evalsha'
            ? async (...args: Parameters<Redis['evalsha']>) => {
                const answer = await target.evalsha(...args);
                if (losing === 0) return answer;
                losing -= 1;
                if (resent) return target.evalsha(...args);
                throw new Error('Connection is closed.');
              }
            : Reflect.get(target, property, target),
      });
      const nodeC = new RedisPresenceStore(lossy, options);
      // The same person id in another clinic, online on node A: nothing of theirs may be reported.
      await nodeA.addConnection('node-a', { ...connection('u2', 'a2'), tenantId: 't2' });
      await nodeC.addConnection('node-c', connection('u2', 'c1'));
      await nodeC.startViewing(viewing('u2', 'c1'));
      await aliveUntil(T0 + TTL);
      expect(await nodeA.sweep(5000)).toEqual({
        offline: [{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }],
        endedViewings: [viewing('u2', 'c1')],
      });

      now += RENEW_EVERY;
      losing = lost;
      if (!resent) {
        for (let i = 0; i < lost; i++) await expect(nodeC.renew('node-c')).rejects.toThrow(/closed/);
      }
      expect(await nodeC.renew('node-c')).toEqual({
        backOnline: [{ tenantId: 't1', userId: 'u2', name: 'Name u2', role: 'nurse', since: new Date(T0) }],
        restoredViewings: [viewing('u2', 'c1')],
      });
      expect(losing).toBe(0);
      expect(await nodeC.renew('node-c')).toEqual({ backOnline: [], restoredViewings: [] });
      expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u2']);
      expect(await nodeA.viewingsOf('t1', 'p1')).toEqual([viewing('u2', 'c1')]);
    },
  );

  // The client queues a command while Redis is away (or resends it unanswered): the renewal runs
  // once Redis is back, carrying the time it was issued at, long before the sweep.
  it('does not sweep again a node put back by a renewal issued while it was cut off, and lapses it a TTL on', async () => {
    await nodeA.addConnection('node-a', { ...connection('u1', 'a1'), tenantId: 't2' });
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    await nodeB.startViewing(viewing('u2', 'b1'));
    const issuedAt = T0 + RENEW_EVERY;
    await aliveUntil(T0 + TTL + RENEW_EVERY);
    expect((await nodeA.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }]);

    const arrivedAt = now;
    now = issuedAt;
    const late = nodeB.renew('node-b');
    now = arrivedAt;
    expect(await late).toEqual({
      backOnline: [{ tenantId: 't1', userId: 'u2', name: 'Name u2', role: 'nurse', since: new Date(T0) }],
      restoredViewings: [viewing('u2', 'b1')],
    });
    // Node A beats on before node B's next renewal: node B renewed just now, it is not dead.
    await aliveUntil(arrivedAt + RENEW_EVERY, arrivedAt + RENEW_EVERY);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u2']);
    expect(await nodeA.viewingsOf('t1', 'p1')).toEqual([viewing('u2', 'b1')]);

    // Node B dies right after: it lapses a TTL after that renewal reached Redis, once.
    await aliveUntil(arrivedAt + TTL - 1, arrivedAt + 2 * RENEW_EVERY);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    await aliveUntil(arrivedAt + TTL, arrivedAt + TTL);
    expect(await nodeA.sweep(5000)).toEqual({
      offline: [{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(arrivedAt) }],
      endedViewings: [viewing('u2', 'b1')],
    });
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    expect((await nodeA.listOnline('t2')).map((u) => u.userId)).toEqual(['u1']);
  });

  it('does not sweep again a node whose connection, added while it was cut off, reaches Redis after the sweep', async () => {
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    const issuedAt = T0 + RENEW_EVERY;
    await aliveUntil(T0 + TTL + RENEW_EVERY);
    expect((await nodeA.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }]);

    const arrivedAt = now;
    now = issuedAt;
    const late = nodeB.addConnection('node-b', connection('u3', 'b2'));
    now = arrivedAt;
    expect(await late).toEqual({ cameOnline: true });
    await aliveUntil(arrivedAt + RENEW_EVERY, arrivedAt + RENEW_EVERY);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u3']);
  });

  it('lists an online user with their account as an admin changed it, on every node, and nobody else', async () => {
    await nodeA.addConnection('node-a', connection('u1', 'a1'));
    await nodeB.addConnection('node-b', connection('u2', 'b2'));
    await nodeB.updateAccount('t1', 'u1', { name: 'Name u1', role: 'provider' });
    await nodeB.updateAccount('t1', 'u3', { name: 'Name u3', role: 'admin' });
    await nodeB.updateAccount('t2', 'u2', { name: 'Name u2', role: 'admin' });
    expect(await nodeA.listOnline('t1')).toEqual([
      { tenantId: 't1', userId: 'u1', name: 'Name u1', role: 'provider', since: new Date(T0) },
      { tenantId: 't1', userId: 'u2', name: 'Name u2', role: 'nurse', since: new Date(T0) },
    ]);
    expect(await nodeA.listOnline('t2')).toEqual([]);
  });

  it('puts back the changed account, not the one its socket connected with, after Redis lost everything', async () => {
    await nodeA.addConnection('node-a', connection('u1', 'a1'));
    await nodeA.updateAccount('t1', 'u1', { name: 'Name u1', role: 'provider' });
    await redis.flushall();
    await nodeA.renew('node-a');
    expect((await nodeB.listOnline('t1')).map(({ userId, role }) => [userId, role])).toEqual([['u1', 'provider']]);
  });

  it('does not take a Redis outage for dead nodes, and still finds a node that dies after it', async () => {
    await nodeA.addConnection('node-a', connection('u1', 'a1'));
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    await aliveUntil(T0 + TTL);
    await nodeB.renew('node-b');
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    // Redis unreachable for a minute: no renewal, no sweep. Node A gets through first.
    now = T0 + TTL + 60_000;
    await nodeA.renew('node-a');
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    now += RENEW_EVERY;
    await nodeB.renew('node-b');
    const backAt = now;
    await aliveUntil(backAt + TTL - 1, backAt);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
    expect((await nodeA.listOnline('t1')).map((u) => u.userId)).toEqual(['u1', 'u2']);
    // Node B's last renewal was at backAt: it lapses a TTL later, at node A's next sweep.
    await aliveUntil(backAt + TTL + RENEW_EVERY, backAt + TTL);
    expect((await nodeA.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(backAt) }]);
  });

  it('takes a renewal later than half a beat for an outage, and one half a beat late for none', async () => {
    await nodeB.addConnection('node-b', connection('u2', 'b1'));
    await aliveUntil(T0 + TTL);
    now += RENEW_EVERY * 1.5;
    await nodeA.renew('node-a');
    expect((await nodeA.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }]);

    await nodeB.addConnection('node-b', connection('u3', 'b2'));
    const addedAt = now;
    now += RENEW_EVERY * 1.5 + 1;
    await nodeA.renew('node-a');
    await aliveUntil(addedAt + TTL + RENEW_EVERY, now);
    expect(await nodeA.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
  });
});
