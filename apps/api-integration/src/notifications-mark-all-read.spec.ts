import { NotificationList } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { addUnreadNotices } from './support/notification-rows';

/** Past what one statement may bind: 32,766 parameters on SQLite, 65,535 on PostgreSQL. */
const BACKLOG = 70_000;

describe('mark all read, past any statement’s parameter limit', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;
  let nurseTab: RealtimeTestClient;
  let providerSocket: RealtimeTestClient;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    await addUnreadNotices(server.database, nurse.tenantId, nurse.userId, BACKLOG);
    await addUnreadNotices(server.database, provider.tenantId, provider.userId, 3);
    await addUnreadNotices(server.database, otherClinic.tenantId, otherClinic.userId, 3);
    nurseTab = await nurse.connect();
    providerSocket = await provider.connect();
  }, 60_000);
  afterAll(async () => {
    [nurse, provider, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const unreadOf = async (session: StaffSession) =>
    (await session.rest.get<NotificationList>('/api/notifications?unread=true&limit=1')).body.unreadCount;

  it('reads every one of them, tells each of the person’s tabs in a few bytes, and touches nobody else’s', async () => {
    const unread = await unreadOf(nurse);
    expect(unread).toBeGreaterThanOrEqual(BACKLOG);
    const [providerUnread, otherUnread] = [await unreadOf(provider), await unreadOf(otherClinic)];

    const response = await nurse.rest.post<{ count: number }>('/api/notifications/read', { all: true });
    expect(response).toEqual({ status: 200, body: { count: 0 } });
    // Naming each one would be megabytes to every tab of the person.
    const read = await nurseTab.waitFor('notification:read', () => true, 10_000);
    expect(read).toEqual({ ids: [], allUpTo: expect.any(String) });
    const [newest] = (await nurse.rest.get<NotificationList>('/api/notifications?limit=1')).body.items;
    expect(Date.parse(newest.createdAt)).toBeLessThanOrEqual(Date.parse(read.allUpTo ?? ''));
    await nurseTab.waitFor('notification:unread-count', (c) => c.count === 0);
    expect(await unreadOf(nurse)).toBe(0);

    await providerSocket.expectNone('notification:read');
    expect([await unreadOf(provider), await unreadOf(otherClinic)]).toEqual([providerUnread, otherUnread]);
    expect(await nurse.rest.post('/api/notifications/read', { all: true })).toEqual({
      status: 200,
      body: { count: 0 },
    });
    await nurseTab.expectNone('notification:read');
  });

  it('reads all up to the instant it tells the tabs, so that they and the database agree on a notice from a clock ahead', async () => {
    const frontDesk = await StaffSession.signIn(server.url, 'frontdesk@riverside.test');
    try {
      await addUnreadNotices(server.database, frontDesk.tenantId, frontDesk.userId, 2);
      const aheadAt = new Date(Date.now() + 60_000);
      await addUnreadNotices(server.database, frontDesk.tenantId, frontDesk.userId, 1, aheadAt);
      const tab = await frontDesk.connect();

      expect(await frontDesk.rest.post('/api/notifications/read', { all: true })).toEqual({
        status: 200,
        body: { count: 1 },
      });
      const read = await tab.waitFor('notification:read', () => true);
      // A tab marks read what was created up to `allUpTo`: the notice from ahead is not, and stays unread.
      expect(Date.parse(read.allUpTo ?? '')).toBeLessThan(aheadAt.getTime());
      const unread = (await frontDesk.rest.get<NotificationList>('/api/notifications?unread=true')).body;
      expect(unread.items.map((n) => Date.parse(n.createdAt))).toEqual([aheadAt.getTime()]);
    } finally {
      frontDesk.close();
    }
  });
});
