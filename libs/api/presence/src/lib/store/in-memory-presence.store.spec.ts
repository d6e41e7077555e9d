import { InMemoryPresenceStore } from './in-memory-presence.store';
import { connection, T0, viewing } from './presence-store.fixtures';

const TTL = 30_000;

describe('InMemoryPresenceStore', () => {
  let now: number;
  let store: InMemoryPresenceStore;

  beforeEach(() => {
    now = T0;
    store = new InMemoryPresenceStore({ ttlMs: TTL, now: () => now });
  });

  it('announces a user on the first socket only', async () => {
    expect(await store.addConnection('node-a', connection('u1', 's1'))).toEqual({ cameOnline: true });
    expect(await store.addConnection('node-b', connection('u1', 's2'))).toEqual({ cameOnline: false });
    expect(await store.listOnline('t1')).toEqual([
      { tenantId: 't1', userId: 'u1', name: 'Name u1', role: 'nurse', since: new Date(T0) },
    ]);
    expect(await store.listOnline('t2')).toEqual([]);
  });

  it('starts the grace period only when the last socket is gone', async () => {
    await store.addConnection('node-a', connection('u1', 's1'));
    await store.addConnection('node-a', connection('u1', 's2'));
    const first = await store.removeConnection('t1', 's1', new Date(T0 + 1000));
    expect(first).toEqual({ remainingSockets: 1, endedViewings: [] });
    const last = await store.removeConnection('t1', 's2', new Date(T0 + 2000));
    expect(last).toEqual({ remainingSockets: 0, lastSeenAt: new Date(T0 + 2000), endedViewings: [] });
    expect(await store.removeConnection('t1', 's2', new Date(T0 + 3000))).toBeNull();
    expect((await store.listOnline('t1')).map((u) => u.userId)).toEqual(['u1']);
  });

  // Socket.IO keeps a recovered connection's id: it may come back before its node removed the dropped
  // one, which waited for its chart commands. That removal ends the dropped one's viewings only.
  it('keeps a socket recovered on its own node before the dropped connection was removed', async () => {
    await store.addConnection('node-a', connection('u1', 's1'));
    await store.startViewing(viewing('u1', 's1', 'p1'));
    expect(await store.addConnection('node-a', connection('u1', 's1'))).toEqual({ cameOnline: false });
    expect(await store.removeConnection('t1', 's1', new Date(T0 + 1000))).toEqual({
      remainingSockets: 1,
      endedViewings: [viewing('u1', 's1', 'p1')],
    });
    expect(await store.settleOffline('t1', 'u1', new Date(T0 + 60_000))).toBeNull();
    expect((await store.listOnline('t1')).map((user) => user.userId)).toEqual(['u1']);
    expect((await store.startViewing(viewing('u1', 's1', 'p2'))).viewing).toEqual(viewing('u1', 's1', 'p2'));
    expect(await store.removeConnection('t1', 's1', new Date(T0 + 2000))).toEqual({
      remainingSockets: 0,
      lastSeenAt: new Date(T0 + 2000),
      endedViewings: [viewing('u1', 's1', 'p2')],
    });
  });

  it('settles a user offline after the grace, unless a socket came back in time', async () => {
    await store.addConnection('node-a', connection('u1', 's1'));
    await store.removeConnection('t1', 's1', new Date(T0));
    await store.addConnection('node-a', connection('u1', 's2'));
    expect(await store.settleOffline('t1', 'u1', new Date(T0))).toBeNull();

    await store.removeConnection('t1', 's2', new Date(T0 + 5000));
    expect(await store.settleOffline('t1', 'u1', new Date(T0))).toBeNull();
    expect(await store.settleOffline('t1', 'u1', new Date(T0 + 5000))).toEqual({
      tenantId: 't1',
      userId: 'u1',
      lastSeenAt: new Date(T0 + 5000),
    });
    expect(await store.settleOffline('t1', 'u1', new Date(T0 + 5000))).toBeNull();
    expect(await store.listOnline('t1')).toEqual([]);
    expect(await store.addConnection('node-a', connection('u1', 's3'))).toEqual({ cameOnline: true });
  });

  it('lists an online user with their account as an admin changed it, and nobody else', async () => {
    await store.addConnection('node-a', connection('u1', 's1'));
    await store.addConnection('node-a', connection('u2', 's2'));
    await store.updateAccount('t1', 'u1', { name: 'Name u1', role: 'provider' });
    await store.updateAccount('t1', 'u3', { name: 'Name u3', role: 'admin' });
    await store.updateAccount('t2', 'u2', { name: 'Name u2', role: 'admin' });
    expect((await store.listOnline('t1')).map(({ userId, role }) => [userId, role])).toEqual([
      ['u1', 'provider'],
      ['u2', 'nurse'],
    ]);
  });

  it('tracks viewings per socket and ends them with their socket', async () => {
    await store.addConnection('node-a', connection('u1', 's1'));
    await store.addConnection('node-a', connection('u1', 's2'));
    const started = await store.startViewing(viewing('u1', 's1'));
    expect(started.viewing).toEqual(viewing('u1', 's1'));
    expect((await store.startViewing(viewing('u1', 's1', 'p1', T0 + 1))).viewing).toBeNull();
    await store.startViewing(viewing('u1', 's2', 'p1', T0 + 10));
    await store.startViewing(viewing('u1', 's1', 'p2'));
    expect((await store.viewingsOf('t1', 'p1')).map((v) => v.socketId)).toEqual(['s1', 's2']);

    const removed = await store.removeConnection('t1', 's1', new Date(T0 + 20));
    expect(removed?.endedViewings.map((v) => v.patientId).sort()).toEqual(['p1', 'p2']);
    expect((await store.viewingsOf('t1', 'p1')).map((v) => v.socketId)).toEqual(['s2']);
    expect(await store.viewingsOf('t1', 'p2')).toEqual([]);

    const stopped = await store.stopViewing('t1', 's2', 'p1');
    expect(stopped).toEqual({ viewing: viewing('u1', 's2', 'p1', T0 + 10), viewings: [] });
    expect(await store.stopViewing('t1', 's2', 'p1')).toEqual({ viewing: null, viewings: [] });
  });

  it('refuses a viewing for a socket it does not know (already disconnected)', async () => {
    expect(await store.startViewing(viewing('u1', 'gone'))).toEqual({ viewing: null, viewings: [] });
  });

  it('expires the entries of a node that stops renewing, and reports each once', async () => {
    await store.addConnection('node-a', connection('u1', 'a1'));
    await store.addConnection('node-b', connection('u2', 'b1'));
    await store.addConnection('node-b', connection('u1', 'b2'));
    await store.startViewing(viewing('u2', 'b1'));

    now = T0 + TTL - 1;
    await store.renew('node-a');
    expect(await store.sweep(5000)).toEqual({ offline: [], endedViewings: [] });

    now = T0 + TTL;
    const swept = await store.sweep(5000);
    expect(swept.endedViewings).toEqual([viewing('u2', 'b1')]);
    // u2 was last known at the last renewal (T0), longer ago than the grace: offline at once.
    expect(swept.offline).toEqual([{ tenantId: 't1', userId: 'u2', lastSeenAt: new Date(T0) }]);
    // u1 still has a socket on the node that kept renewing.
    expect((await store.listOnline('t1')).map((u) => u.userId)).toEqual(['u1']);
    expect(await store.sweep(5000)).toEqual({ offline: [], endedViewings: [] });
  });

  it('settles, in a sweep, a user whose grace timer was lost with its node', async () => {
    await store.addConnection('node-a', connection('u1', 's1'));
    await store.removeConnection('t1', 's1', new Date(T0));
    now = T0 + 4999;
    expect((await store.sweep(5000)).offline).toEqual([]);
    now = T0 + 5000;
    expect((await store.sweep(5000)).offline).toEqual([{ tenantId: 't1', userId: 'u1', lastSeenAt: new Date(T0) }]);
  });
});
