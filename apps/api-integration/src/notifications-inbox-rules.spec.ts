import { AlertSummary, DomainEvent, NotificationList, NotificationView, TaskView } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

type NotificationNew = DomainEvent<'notification:new'>;
const titled = (title: string) => (e: NotificationNew) => e.data.notification.title === title;
type Refusal = { message: string | string[]; fields?: Record<string, string[]> };
const said = (body: Refusal) => JSON.stringify(body);

describe('notifications: what the inbox refuses', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let nurseTabs: RealtimeTestClient[];

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, frontDesk, admin, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'frontdesk@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    nurseTabs = [await nurse.connect(), await nurse.connect()];
  });
  afterAll(async () => {
    [nurse, frontDesk, admin, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const taskNotice = async (title: string): Promise<NotificationView> => {
    const task = await frontDesk.rest.post<TaskView>('/api/tasks', { assigneeId: nurse.userId, title });
    expect(task.status).toBe(201);
    return (await nurseTabs[0].waitFor('notification:new', titled(`New task: ${title}`))).data.notification;
  };
  const announcementNotice = async (title: string): Promise<NotificationView> => {
    expect((await admin.rest.post('/api/announcements', { title, body: 'For everyone' })).status).toBe(201);
    return (await nurseTabs[0].waitFor('notification:new', titled(title))).data.notification;
  };
  const alertNotice = async (title: string): Promise<NotificationView> => {
    const alert = await frontDesk.rest.post<AlertSummary>('/api/alerts', { title, to: { userIds: [nurse.userId] } });
    expect(alert.status).toBe(201);
    return (await nurseTabs[0].waitFor('notification:new', titled(title))).data.notification;
  };
  const inboxItem = async (id: string) =>
    (await nurse.rest.get<NotificationList>('/api/notifications?limit=100')).body.items.find((n) => n.id === id);

  describe('acknowledging', () => {
    it('refuses to acknowledge a notice that asks for no acknowledgement, and changes nothing', async () => {
      for (const notice of [await taskNotice('Order gauze'), await announcementNotice('Fire drill at noon')]) {
        const rest = await nurse.rest.post<Refusal>(`/api/notifications/${notice.id}/ack`);
        expect(rest.status).toBe(400);
        expect(said(rest.body)).toContain('does not ask for an acknowledgement');
        expect(await nurseTabs[0].command('notification:ack', { id: notice.id })).toEqual({
          ok: false,
          error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('does not ask for an acknowledgement') },
        });
        const stored = await inboxItem(notice.id);
        expect(stored).toBeDefined();
        expect(stored?.readAt).toBeUndefined();
        expect(stored?.acknowledgedAt).toBeUndefined();
        for (const tab of nurseTabs) await tab.expectNone('notification:read', (r) => r.ids.includes(notice.id));
      }
    });

    it('still answers another person’s or clinic’s notice as not found, whatever it asks for', async () => {
      const notice = await taskNotice('Sort the sample fridge');
      for (const stranger of [frontDesk, otherClinic]) {
        expect((await stranger.rest.post(`/api/notifications/${notice.id}/ack`)).status).toBe(404);
        const socket = await stranger.connect();
        expect(await socket.command('notification:ack', { id: notice.id })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
        socket.close();
      }
    });

    it('acknowledges an urgent alert as before', async () => {
      const notice = await alertNotice('Room 2 needs a hand');
      expect(await nurseTabs[0].command('notification:ack', { id: notice.id })).toEqual({ ok: true });
      await nurseTabs[1].waitFor('notification:read', (r) => r.ids.includes(notice.id));
      expect((await inboxItem(notice.id))?.acknowledgedAt).toEqual(expect.any(String));
    });
  });

  describe('paging', () => {
    it('refuses cursor and before together, saying to send one of them', async () => {
      const notice = await taskNotice('Check the cryo tank');
      const first = await fetch(`${server.url}/api/notifications?limit=1`, {
        headers: { authorization: `Bearer ${nurse.token}` },
      });
      const cursor = first.headers.get('x-next-cursor');
      expect(cursor).toEqual(expect.any(String));
      const both = await nurse.rest.get<Refusal>(
        `/api/notifications?limit=1&cursor=${encodeURIComponent(cursor!)}&before=${notice.id}`,
      );
      expect(both.status).toBe(400);
      expect(said(both.body)).toContain('either cursor');
      expect(said(both.body)).toContain('or before');
      for (const one of [`cursor=${encodeURIComponent(cursor!)}`, `before=${notice.id}`]) {
        expect((await nurse.rest.get(`/api/notifications?limit=1&${one}`)).status).toBe(200);
      }
    });
  });

  describe('marking read with nothing to mark', () => {
    it('says what to send, once, not every rule ids would break, over REST and in the command; nothing is read', async () => {
      const notice = await taskNotice('Restock the gauze');
      for (const body of [{}, { all: false }]) {
        const refused = await nurse.rest.post<Refusal>('/api/notifications/read', body);
        expect(refused.status).toBe(400);
        expect(refused.body.fields?.['ids']).toEqual(['send ids (the notifications to mark read) or all: true']);
      }
      expect(await nurseTabs[0].raw('notification:mark-read', [{}])).toEqual({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'ids: ids is required', fields: { ids: ['ids is required'] } },
      });
      expect((await inboxItem(notice.id))?.readAt).toBeUndefined();
      await nurseTabs[1].expectNone('notification:read', (r) => r.ids.includes(notice.id));
    });
  });

  describe('ids in capitals', () => {
    const lowerCaseRefusal = expect.stringContaining('lower-case UUID');

    it('refuses them over REST with a 400 that says ids are lower case, and changes nothing', async () => {
      const notice = await taskNotice('Wipe down room 5');
      const alert = await alertNotice('Bay 1 needs suction');
      const upper = (id: string) => id.toUpperCase();
      const refused = [
        await nurse.rest.post<Refusal>(`/api/notifications/${upper(alert.id)}/ack`),
        await nurse.rest.post<Refusal>('/api/notifications/read', { ids: [upper(notice.id)] }),
        await nurse.rest.get<Refusal>(`/api/notifications?before=${upper(notice.id)}`),
      ];
      for (const response of refused) {
        expect(response.status).toBe(400);
        expect(said(response.body)).toEqual(lowerCaseRefusal);
      }
      expect(await inboxItem(notice.id)).toMatchObject({ id: notice.id });
      expect((await inboxItem(notice.id))?.readAt).toBeUndefined();
      expect((await inboxItem(alert.id))?.acknowledgedAt).toBeUndefined();
      for (const tab of nurseTabs) {
        await tab.expectNone('notification:read', (r) => r.ids.includes(notice.id) || r.ids.includes(alert.id));
      }
    });

    it('refuses them in socket commands as VALIDATION_FAILED that says ids are lower case', async () => {
      const notice = await taskNotice('Label the biopsy jars');
      const alert = await alertNotice('Bay 2 needs oxygen');
      const refused = {
        ok: false,
        error: expect.objectContaining({ code: 'VALIDATION_FAILED', message: lowerCaseRefusal }),
      };
      expect(await nurseTabs[0].command('notification:ack', { id: alert.id.toUpperCase() })).toEqual(refused);
      expect(await nurseTabs[0].command('notification:mark-read', { ids: [notice.id.toUpperCase()] })).toEqual(refused);
      expect((await inboxItem(notice.id))?.readAt).toBeUndefined();
      expect((await inboxItem(alert.id))?.acknowledgedAt).toBeUndefined();
      await nurseTabs[1].expectNone('notification:read', (r) => r.ids.includes(notice.id) || r.ids.includes(alert.id));
    });

    it('refuses them for the ids of alerts, tasks and their recipients too', async () => {
      const alert = await frontDesk.rest.post<AlertSummary>('/api/alerts', {
        title: 'Room 6 needs a chaperone',
        to: { userIds: [nurse.userId] },
      });
      const refused = [
        await admin.rest.get<Refusal>(`/api/alerts/${alert.body.id.toUpperCase()}`),
        await frontDesk.rest.post<Refusal>('/api/alerts', {
          title: 'Capitals',
          to: { userIds: [nurse.userId.toUpperCase()] },
        }),
        await frontDesk.rest.post<Refusal>('/api/tasks', { assigneeId: nurse.userId.toUpperCase(), title: 'Capitals' }),
      ];
      for (const response of refused) {
        expect(response.status).toBe(400);
        expect(said(response.body)).toEqual(lowerCaseRefusal);
      }
      await nurseTabs[0].expectNone('notification:new', (e) => e.data.notification.title.includes('Capitals'));
    });
  });
});
