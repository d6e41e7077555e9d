import { OnlineStaff, PresenceOffline, PresenceOnline } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const GRACE_MS = 1500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const about = (userId: string) => (signal: PresenceOnline | PresenceOffline) => signal.userId === userId;

describe('presence: who is online', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;
  let observer: RealtimeTestClient;
  let otherObserver: RealtimeTestClient;

  beforeAll(async () => {
    server = await startApiServer({ env: { PRESENCE_GRACE_MS: String(GRACE_MS) } });
    [frontDesk, nurse, provider, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
    observer = await frontDesk.connect();
    otherObserver = await otherClinic.connect();
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  it('announces a user online with the first socket and offline after the last one, once each', async () => {
    const firstTab = await nurse.connect();
    expect(await observer.waitFor('presence:online', about(nurse.userId))).toEqual({
      userId: nurse.userId,
      name: 'Nora Quinn',
      role: 'nurse',
    });
    const secondTab = await nurse.connect();
    await observer.expectNone('presence:online', 500, about(nurse.userId));

    firstTab.close();
    await observer.expectNone('presence:offline', GRACE_MS + 1000, about(nurse.userId));
    const online = await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(online.body.map((user) => user.userId)).toContain(nurse.userId);

    const closedAt = Date.now();
    secondTab.close();
    const offline = await observer.waitFor('presence:offline', about(nurse.userId), GRACE_MS + 3000);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(offline).toEqual({ userId: nurse.userId, lastSeenAt: expect.any(String) });
    expect(Math.abs(Date.parse(offline.lastSeenAt) - closedAt)).toBeLessThan(1000);
    const after = await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(after.body.map((user) => user.userId)).not.toContain(nurse.userId);
  });

  it('does not flap when a page reloads within the grace period', async () => {
    const page = await provider.connect();
    await observer.waitFor('presence:online', about(provider.userId));
    page.close();
    await pause(200);
    const reloaded = await provider.connect();
    await observer.expectNone('presence:offline', GRACE_MS + 1500, about(provider.userId));
    await observer.expectNone('presence:online', 0, about(provider.userId));
    expect(reloaded.connected).toBe(true);
  });

  it('gives the snapshot over presence:list and REST, with the time each person came online', async () => {
    const ack = await observer.command('presence:list', {});
    if (!ack.ok) throw new Error(ack.error.message);
    const rest = await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(ack.online);
    expect(ack.online).toEqual(
      expect.arrayContaining([
        { userId: frontDesk.userId, name: 'Felix Park', role: 'front-desk', since: expect.any(String) },
        { userId: provider.userId, name: 'Dr. Ana Ortiz', role: 'provider', since: expect.any(String) },
      ]),
    );
    for (const user of ack.online) expect(Date.parse(user.since)).not.toBeNaN();
  });

  it('refuses a presence:list with arguments it does not take', async () => {
    expect(await observer.raw('presence:list', [{ tenantId: 'another-clinic' }])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await observer.raw('presence:list', ['everyone'])).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('keeps each clinic’s presence to itself', async () => {
    const theirs = await otherObserver.command('presence:list', {});
    if (!theirs.ok) throw new Error(theirs.error.message);
    expect(theirs.online.map((user) => user.userId)).toEqual([otherClinic.userId]);
    const theirRest = await otherClinic.rest.get<OnlineStaff[]>('/api/presence/online');
    expect(theirRest.body.map((user) => user.userId)).toEqual([otherClinic.userId]);

    const riversideIds = new Set([frontDesk.userId, nurse.userId, provider.userId]);
    const seen = [...otherObserver.received('presence:online'), ...otherObserver.received('presence:offline')];
    expect(seen.filter((signal) => riversideIds.has(signal.userId))).toEqual([]);

    const lakesideNurse = await StaffSession.signIn(server.url, 'nurse@lakeside.test');
    await lakesideNurse.connect();
    await otherObserver.waitFor('presence:online', about(lakesideNurse.userId));
    await observer.expectNone('presence:online', 300, about(lakesideNurse.userId));
    lakesideNurse.close();
    await otherObserver.waitFor('presence:offline', about(lakesideNurse.userId), GRACE_MS + 3000);
    await observer.expectNone('presence:offline', 0, about(lakesideNurse.userId));
  });
});
