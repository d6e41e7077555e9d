import {
  AnnouncementView,
  DomainEvent,
  NotificationList,
  NotificationView,
  PatientSummary,
  PriorAuthView,
  StaffMember,
  TaskView,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

type NotificationNew = DomainEvent<'notification:new'>;
const titled = (title: string) => (e: NotificationNew) => e.data.notification.title === title;

describe('notifications, live', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let deskSocket: RealtimeTestClient;
  let nurseTabs: RealtimeTestClient[];
  let providerSocket: RealtimeTestClient;
  let adminSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let otherPatient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, provider, admin, otherClinic] = await Promise.all(
      ['frontdesk', 'nurse', 'provider', 'admin']
        .map((login) => StaffSession.signIn(server.url, `${login}@riverside.test`))
        .concat(StaffSession.signIn(server.url, 'admin@lakeside.test')),
    );
    deskSocket = await frontDesk.connect();
    nurseTabs = [await nurse.connect(), await nurse.connect()];
    providerSocket = await provider.connect();
    adminSocket = await admin.connect();
    otherSocket = await otherClinic.connect();
    patient = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body[0];
    otherPatient = (await otherClinic.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, admin, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const assignTask = async (title: string, assignee = nurse, from = frontDesk) => {
    const response = await from.rest.post<TaskView>('/api/tasks', {
      assigneeId: assignee.userId,
      title,
      patientId: patient.id,
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('tells only the assignee of a task, on every tab, in the envelope, with the new unread count', async () => {
    const task = await assignTask('Call back about biopsy scheduling');
    const title = `New task: ${task.title}`;
    const received = await Promise.all(nurseTabs.map((tab) => tab.waitFor('notification:new', titled(title))));
    expect(received[0]).toEqual({
      id: expect.any(String),
      type: 'notification:new',
      tenantId: nurse.tenantId,
      occurredAt: expect.any(String),
      actor: { id: frontDesk.userId, name: frontDesk.login.user.name },
      data: {
        notification: {
          id: expect.any(String),
          kind: 'task-assigned',
          title,
          body: `From ${frontDesk.login.user.name}`,
          priority: 'normal',
          link: `/patients/${patient.id}`,
          createdAt: expect.any(String),
          requiresAck: false,
        },
      },
    });
    expect(received[1].id).toBe(received[0].id);
    const { body: inbox } = await nurse.rest.get<NotificationList>('/api/notifications');
    await Promise.all(
      nurseTabs.map((tab) => tab.waitFor('notification:unread-count', (c) => c.count === inbox.unreadCount)),
    );
    expect(inbox.items[0]).toEqual(received[0].data.notification);
    for (const socket of [deskSocket, providerSocket, adminSocket, otherSocket]) {
      await socket.expectNone('notification:new', titled(title));
    }
    await otherSocket.expectNone('notification:new');
  });

  it('refuses a task for someone of another clinic as not found, telling no one', async () => {
    const response = await otherClinic.rest.post('/api/tasks', { assigneeId: nurse.userId, title: 'Not yours' });
    expect(response.status).toBe(404);
    const foreignPatient = await frontDesk.rest.post('/api/tasks', {
      assigneeId: nurse.userId,
      title: 'x',
      patientId: otherPatient.id,
    });
    expect(foreignPatient.status).toBe(404);
    await nurseTabs[0].expectNone('notification:new', (e) => e.data.notification.title.includes('Not yours'));
  });

  it('tells the provider of each prior-authorization status change, high priority when action is needed', async () => {
    const created = await frontDesk.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId: patient.id,
      providerId: provider.userId,
      procedure: 'Mohs surgery',
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const id = created.body.id;

    const expected = [
      ['submitted', 'submitted', 'normal'],
      ['more-info-needed', 'needs more information', 'high'],
      ['denied', 'denied', 'high'],
      ['approved', 'approved', 'normal'],
    ] as const;
    for (const [status, wording, priority] of expected) {
      const patched = await nurse.rest.patch<PriorAuthView>(`/api/prior-auths/${id}`, { status });
      expect(patched.body.status).toBe(status);
      const event = await providerSocket.waitFor(
        'notification:new',
        titled(`Prior authorization ${wording}: Mohs surgery`),
      );
      expect(event.data.notification).toMatchObject({ kind: 'prior-auth-status', priority, body: patient.displayName });
      expect(event.actor?.id).toBe(nurse.userId);
    }
    expect((await nurse.rest.patch(`/api/prior-auths/${id}`, { status: 'denied' })).status).toBe(409);
    expect((await otherClinic.rest.patch(`/api/prior-auths/${id}`, { status: 'denied' })).status).toBe(404);
    expect((await nurse.rest.patch(`/api/prior-auths/${id}`, { status: 'draft' })).status).toBe(400);
    for (const socket of [deskSocket, adminSocket, otherSocket, ...nurseTabs]) {
      await socket.expectNone('notification:new', (e) => e.data.notification.kind === 'prior-auth-status');
    }
  });

  it('tells the ordering provider a lab result is ready by patient and test only, never values', async () => {
    const withValues = await nurse.rest.post('/api/lab-results', {
      patientId: patient.id,
      orderingProviderId: provider.userId,
      testName: 'CBC',
      values: { hemoglobin: 13.2 },
    });
    expect(withValues.status).toBe(400);

    const response = await nurse.rest.post('/api/lab-results', {
      patientId: patient.id,
      orderingProviderId: provider.userId,
      testName: 'Skin biopsy pathology',
    });
    expect(response.status).toBe(201);
    const event = await providerSocket.waitFor('notification:new', titled('Lab result ready: Skin biopsy pathology'));
    expect(event.data.notification).toEqual({
      id: expect.any(String),
      kind: 'lab-result-ready',
      title: 'Lab result ready: Skin biopsy pathology',
      body: patient.displayName,
      priority: 'high',
      link: `/patients/${patient.id}`,
      createdAt: expect.any(String),
      requiresAck: false,
    });
    expect(
      (
        await nurse.rest.post('/api/lab-results', {
          patientId: patient.id,
          orderingProviderId: nurse.userId,
          testName: 'CBC',
        })
      ).status,
    ).toBe(400);
    for (const socket of [deskSocket, adminSocket, otherSocket, ...nurseTabs]) {
      await socket.expectNone('notification:new', (e) => e.data.notification.kind === 'lab-result-ready');
    }
  });

  it('sends an admin’s announcement to the whole clinic as one event, and refuses it from anyone else', async () => {
    const refused = await nurse.rest.post('/api/announcements', {
      title: 'Not allowed',
      body: 'Nurses cannot announce',
    });
    expect(refused.status).toBe(403);

    const response = await admin.rest.post<AnnouncementView>('/api/announcements', {
      title: 'Clinic closes at 3 pm on Friday',
      body: 'Staff meeting in room 2.',
    });
    expect(response.status).toBe(201);
    const staff = (await admin.rest.get<StaffMember[]>('/api/staff')).body;
    expect(response.body.recipients).toBe(staff.length);
    const received = await Promise.all(
      [deskSocket, providerSocket, adminSocket, ...nurseTabs].map((s) =>
        s.waitFor('notification:new', titled('Clinic closes at 3 pm on Friday')),
      ),
    );
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
    expect(received[0].data.notification).toMatchObject({
      kind: 'announcement',
      priority: 'normal',
      body: 'Staff meeting in room 2.',
    });
    const { body: deskInbox } = await frontDesk.rest.get<NotificationList>('/api/notifications');
    expect(deskInbox.items.map((n) => n.id)).toContain(received[0].data.notification.id);
    await otherSocket.expectNone('notification:new');
    for (const socket of [deskSocket, adminSocket]) await socket.expectNone('notification:new', titled('Not allowed'));
  });

  it('keeps a notification for someone offline: listed, counted and unread first when they return', async () => {
    deskSocket.close();
    const before = (await frontDesk.rest.get<NotificationList>('/api/notifications')).body.unreadCount;
    await assignTask('Restock biopsy kits', frontDesk, nurse);

    const { body } = await frontDesk.rest.get<NotificationList>('/api/notifications');
    expect(body.unreadCount).toBe(before + 1);
    expect(body.items[0]).toMatchObject({ kind: 'task-assigned', title: 'New task: Restock biopsy kits' });
    expect(body.items[0].readAt).toBeUndefined();

    deskSocket = await frontDesk.connect();
    await deskSocket.waitFor('notification:unread-count', (c) => c.count === before + 1);
  });

  it('marks read on one tab and every other tab of the same person follows; others are untouched', async () => {
    const task = await assignTask('Review consent forms');
    const { notification } = (await nurseTabs[1].waitFor('notification:new', titled(`New task: ${task.title}`))).data;
    const before = (await nurse.rest.get<NotificationList>('/api/notifications')).body.unreadCount;

    const ack = await nurseTabs[0].command('notification:mark-read', { ids: [notification.id] });
    expect(ack).toEqual({ ok: true, count: before - 1 });
    expect(await nurseTabs[1].waitFor('notification:read', (r) => r.ids.includes(notification.id))).toEqual({
      ids: [notification.id],
    });
    await nurseTabs[1].waitFor('notification:unread-count', (c) => c.count === before - 1);
    await providerSocket.expectNone('notification:read');

    const { body } = await nurse.rest.get<NotificationList>('/api/notifications');
    expect(body.items.find((n) => n.id === notification.id)?.readAt).toEqual(expect.any(String));

    const all = await nurse.rest.post<{ count: number }>('/api/notifications/read', { all: true });
    expect(all.body).toEqual({ count: 0 });
    await Promise.all(nurseTabs.map((tab) => tab.waitFor('notification:unread-count', (c) => c.count === 0)));
    expect((await nurse.rest.get<NotificationList>('/api/notifications?unread=true')).body.items).toEqual([]);
  });

  it('cannot read, acknowledge or list another person’s or clinic’s notifications', async () => {
    const task = await assignTask('Label specimen jars');
    const { notification } = (await nurseTabs[0].waitFor('notification:new', titled(`New task: ${task.title}`))).data;
    expect((await otherClinic.rest.post(`/api/notifications/${notification.id}/ack`)).status).toBe(404);
    expect(await providerSocket.command('notification:ack', { id: notification.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await providerSocket.command('notification:mark-read', { ids: [notification.id] });
    const { body } = await nurse.rest.get<NotificationList>('/api/notifications?unread=true');
    expect(body.items.map((n) => n.id)).toContain(notification.id);
    expect(await nurseTabs[0].command('notification:mark-read', { ids: ['nope'] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await nurse.rest.post('/api/notifications/read', {})).status).toBe(400);
  });

  it('refuses odd values of the inbox filter and of an ack’s idempotency key instead of guessing', async () => {
    for (const unread of ['1', 'TRUE', 'true&unread=true']) {
      const response = await nurse.rest.get<{ fields: Record<string, string[]> }>(
        `/api/notifications?unread=${unread}`,
      );
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(['unread']);
    }
    const read = (await nurse.rest.get<NotificationList>('/api/notifications?unread=false')).body.items;
    expect(read.length).toBeGreaterThan(0);
    const alert = await frontDesk.rest.post('/api/alerts', { title: 'Restock gauze', to: { userIds: [nurse.userId] } });
    expect(alert.status).toBe(201);
    const { notification } = (await nurseTabs[0].waitFor('notification:new', titled('Restock gauze'))).data;
    expect(await nurseTabs[0].raw('notification:ack', [{ id: notification.id, idempotencyKey: null }])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await nurseTabs[0].command('notification:ack', { id: notification.id })).toEqual({ ok: true });
  });

  it('pages unread first, newest first', async () => {
    for (const title of ['one', 'two', 'three']) await assignTask(`Page ${title}`, provider);
    const first = (await provider.rest.get<NotificationList>('/api/notifications?limit=2')).body;
    await provider.rest.post('/api/notifications/read', { ids: [first.items[1].id] });
    const all = (await provider.rest.get<NotificationList>('/api/notifications?limit=100')).body.items;
    const unreadThenRead = [...all].sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt));
    expect(all.map((n) => n.id)).toEqual(unreadThenRead.map((n) => n.id));
    expect(all[0].title).toBe('New task: Page three');

    const pages: NotificationView[] = [];
    let before = '';
    for (;;) {
      const page = (await provider.rest.get<NotificationList>(`/api/notifications?limit=2${before}`)).body.items;
      if (page.length === 0) break;
      pages.push(...page);
      before = `&before=${page.at(-1)!.id}`;
    }
    expect(pages.map((n) => n.id)).toEqual(all.map((n) => n.id));
  });
});
