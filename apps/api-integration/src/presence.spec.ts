import { OnlineStaff } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { about } from './support/presence-signals';

const GRACE_MS = 1500;
/** How long a page reload leaves the user without a socket: a user's pace, well inside the grace. */
const RELOAD_GAP_MS = 200;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('presence: who is online', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;
  let admin: StaffSession;
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
    admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    observer = await frontDesk.connect();
    otherObserver = await otherClinic.connect();
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, otherClinic, admin].forEach((s) => s?.close());
    await server?.dispose();
  });

  /**
   * A marker for "the grace period is over": the admin's only tab, opened and then closed now, so
   * the admin's offline arrives once a grace period has passed since this call.
   */
  const graceOverFromNow = async (): Promise<unknown> => {
    const tab = await admin.connect();
    await observer.waitFor('presence:online', about(admin.userId));
    tab.close();
    return observer.waitFor('presence:offline', about(admin.userId), GRACE_MS + 3000);
  };

  it('announces a user online with the first socket and offline after the last one, once each', async () => {
    const firstTab = await nurse.connect();
    expect(await observer.waitFor('presence:online', about(nurse.userId))).toEqual({
      userId: nurse.userId,
      name: 'Nora Quinn',
      role: 'nurse',
    });
    const secondTab = await nurse.connect();
    await observer.expectNone('presence:online', about(nurse.userId));

    firstTab.close();
    await observer.expectNone('presence:offline', about(nurse.userId), { after: graceOverFromNow() });
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
    await pause(RELOAD_GAP_MS);
    const reloaded = await provider.connect();
    await observer.expectNone('presence:offline', about(provider.userId), { after: graceOverFromNow() });
    await observer.expectNone('presence:online', about(provider.userId));
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
    expect(await observer.raw('presence:list', ['everyone'])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
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
    await observer.expectNone('presence:online', about(lakesideNurse.userId));
    lakesideNurse.close();
    await otherObserver.waitFor('presence:offline', about(lakesideNurse.userId), GRACE_MS + 3000);
    await observer.expectNone('presence:offline', about(lakesideNurse.userId));
  });
});
