import { AlertSummary, DomainEvent, NotificationList, TaskView } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

type NotificationNew = DomainEvent<'notification:new'>;
type AlertStatus = DomainEvent<'alert:status'>;
const titled = (title: string) => (e: NotificationNew) => e.data.notification.title === title;
const ROUNDS = 5;

describe('notifications: one person’s inbox settled from several places at once', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let nurseTabs: RealtimeTestClient[];
  let watcher: RealtimeTestClient;
  let senderSocket: RealtimeTestClient;

  beforeAll(async () => {
    // Every round's commands and round trips, well within a person's budget.
    server = await startApiServer({ env: { REST_WRITE_POINTS: '10000', WS_RATE_LIMIT_POINTS: '10000' } });
    [nurse, provider, frontDesk] = await Promise.all(
      ['nurse', 'provider', 'frontdesk'].map((login) => StaffSession.signIn(server.url, `${login}@riverside.test`)),
    );
    nurseTabs = [await nurse.connect(), await nurse.connect()];
    watcher = await nurse.connect();
    senderSocket = await frontDesk.connect();
  });
  afterAll(async () => {
    [nurse, provider, frontDesk].forEach((session) => session?.close());
    await server?.dispose();
  });

  /** A notice for the nurse, as the watching tab received it. */
  const taskNotice = async (title: string) => {
    const task = await frontDesk.rest.post<TaskView>('/api/tasks', { assigneeId: nurse.userId, title });
    expect(task.status).toBe(201);
    return (await watcher.waitFor('notification:new', titled(`New task: ${title}`))).data.notification;
  };
  const alertNotice = async (title: string) => {
    const alert = await provider.rest.post<AlertSummary>('/api/alerts', { title, to: { userIds: [nurse.userId] } });
    expect(alert.status).toBe(201);
    return (await watcher.waitFor('notification:new', titled(title))).data.notification;
  };
  const unreadCount = async () => (await nurse.rest.get<NotificationList>('/api/notifications')).body.unreadCount;
  /** The count the watching tab shows once everything before now reached it. */
  const countShown = async () => {
    await watcher.roundTrip();
    return watcher.received('notification:unread-count').at(-1)?.count;
  };

  it('marks the same notices read from two tabs at once: every tab told once, the count right', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const notices = [await taskNotice(`Restock tray ${round}a`), await taskNotice(`Restock tray ${round}b`)];
      const ids = notices.map((notice) => notice.id);

      const acks = await Promise.all(nurseTabs.map((tab) => tab.command('notification:mark-read', { ids })));
      const left = await unreadCount();
      expect(acks).toEqual([
        { ok: true, count: left },
        { ok: true, count: left },
      ]);
      const about = (read: { ids: string[] }) => read.ids.some((id) => ids.includes(id));
      expect((await watcher.waitFor('notification:read', about)).ids.sort()).toEqual([...ids].sort());
      await watcher.expectNone('notification:read', about);
      expect(await countShown()).toBe(left);
    }
  });

  it('shows the right count when two alerts are acknowledged, a notice read and one arrives, all at once', async () => {
    expect((await nurse.rest.post('/api/notifications/read', { all: true })).status).toBe(200);
    for (let round = 1; round <= ROUNDS; round++) {
      const [first, second] = [await alertNotice(`Room ${round} needs you`), await alertNotice(`Bay ${round} now`)];
      const task = await taskNotice(`Sign consent ${round}`);

      const [firstAck, secondAck, read, arrived] = await Promise.all([
        nurseTabs[0].command('notification:ack', { id: first.id }),
        nurseTabs[1].command('notification:ack', { id: second.id }),
        nurse.rest.post('/api/notifications/read', { ids: [task.id] }),
        frontDesk.rest.post<TaskView>('/api/tasks', { assigneeId: nurse.userId, title: `Call lab ${round}` }),
      ]);
      expect([firstAck, secondAck]).toEqual([{ ok: true }, { ok: true }]);
      expect([read.status, arrived.status]).toEqual([200, 201]);
      await watcher.waitFor('notification:new', titled(`New task: Call lab ${round}`));
      expect(await countShown()).toBe(await unreadCount());
    }
  });

  it('tells the sender of an alert once that it reached a recipient who opened the inbox twice at once', async () => {
    // The provider never connects: only opening the inbox delivers their alerts.
    for (let round = 1; round <= ROUNDS; round++) {
      const alert = await frontDesk.rest.post<AlertSummary>('/api/alerts', {
        title: `Cryo canister ${round} empty`,
        to: { userIds: [provider.userId] },
      });
      expect(alert.status).toBe(201);
      const of = (e: AlertStatus) => e.data.alertId === alert.body.id;

      const inboxes = await Promise.all([1, 2, 3].map(() => provider.rest.get<NotificationList>('/api/notifications')));
      expect(inboxes.map((inbox) => inbox.status)).toEqual([200, 200, 200]);
      expect((await senderSocket.waitFor('alert:status', of)).data.recipient).toEqual(
        expect.objectContaining({ userId: provider.userId, deliveredAt: expect.any(String) }),
      );
      await senderSocket.expectNone('alert:status', of);
    }
  });
});
