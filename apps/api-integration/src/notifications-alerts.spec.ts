import { AlertSummary, DomainEvent, NotificationList } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { escalationOf } from './support/alert-escalations';

type NotificationNew = DomainEvent<'notification:new'>;
const ESCALATION_SECONDS = 2;
const untilPast = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));
const about = (id: string) => (e: NotificationNew) => e.data.notification.id === id;

describe('urgent alerts', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let adminSocket: RealtimeTestClient;

  const signInAll = async () => {
    [nurse, provider, frontDesk, admin, otherClinic] = await Promise.all(
      [
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@riverside.test',
        'admin@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
  };
  const closeAll = () => [nurse, provider, frontDesk, admin, otherClinic].forEach((s) => s?.close());

  beforeAll(async () => {
    server = await startApiServer({ env: { ALERT_ESCALATION_SECONDS: String(ESCALATION_SECONDS) } });
    await signInAll();
    adminSocket = await admin.connect();
  });
  afterAll(async () => {
    closeAll();
    await server?.dispose();
  });

  const send = async (from: StaffSession, title: string, to: object) => {
    const response = await from.rest.post<AlertSummary>('/api/alerts', { title, body: 'Room 3, now', to });
    expect(response.status).toBe(201);
    return response.body;
  };
  /**
   * A marker for "the escalation check has run past now": an alert nobody acknowledges, sent now,
   * whose escalation reaches the admins after that of anything that fell due before it.
   */
  const laterEscalation = async (): Promise<unknown> => {
    const control = `Control ${Date.now()}`;
    await send(provider, control, { userIds: [nurse.userId] });
    return adminSocket.waitFor('notification:new', escalationOf(control), ESCALATION_SECONDS * 1000 + 3000);
  };
  const notificationIdOf = async (session: StaffSession, title: string) =>
    (await session.rest.get<NotificationList>('/api/notifications')).body.items.find((n) => n.title === title)!.id;

  it('reaches exactly the named person, needs an ack, and only the sender and admins may follow it', async () => {
    const [nurseTab, otherTab] = [await nurse.connect(), await nurse.connect()];
    const [providerSocket, deskSocket, foreignSocket] = [
      await provider.connect(),
      await frontDesk.connect(),
      await otherClinic.connect(),
    ];
    const alert = await send(frontDesk, 'Patient fainted in room 3', { userIds: [nurse.userId] });
    expect(alert).toMatchObject({
      id: expect.any(String),
      title: 'Patient fainted in room 3',
      escalates: true,
      recipients: [{ userId: nurse.userId, name: nurse.login.user.name }],
    });

    const [event] = await Promise.all(
      [nurseTab, otherTab].map((s) =>
        s.waitFor('notification:new', (e) => e.data.notification.kind === 'urgent-alert'),
      ),
    );
    expect(event.data.notification).toMatchObject({
      title: alert.title,
      body: 'Room 3, now',
      priority: 'urgent',
      requiresAck: true,
    });
    for (const socket of [providerSocket, deskSocket, adminSocket, foreignSocket]) {
      await socket.expectNone('notification:new', (e) => e.data.notification.title === alert.title);
    }

    // Delivery is recorded once the alert has gone out, so the status reads it a moment after the nurse's tabs have it.
    const deliveredAt = async () =>
      (await frontDesk.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body.recipients[0].deliveredAt;
    await eventually('the delivery is recorded', async () => (await deliveredAt()) !== undefined, 5000);
    expect(await deliveredAt()).toEqual(expect.any(String));
    expect((await admin.rest.get(`/api/alerts/${alert.id}`)).status).toBe(200);
    expect((await provider.rest.get(`/api/alerts/${alert.id}`)).status).toBe(403);
    expect((await otherClinic.rest.get(`/api/alerts/${alert.id}`)).status).toBe(404);
    await nurse.rest.post(`/api/notifications/${event.data.notification.id}/ack`);
  });

  it('goes to a role or the whole clinic, never back to the sender or to another clinic', async () => {
    const [nurseSocket, providerSocket, deskSocket, foreignSocket] = await Promise.all(
      [nurse, provider, frontDesk, otherClinic].map((s) => s.connect()),
    );
    const toProviders = await send(nurse, 'Provider needed at front desk', { role: 'provider' });
    expect(toProviders.escalates).toBe(false);
    expect(toProviders.recipients.map((r) => r.userId)).toEqual([provider.userId]);
    await providerSocket.waitFor('notification:new', (e) => e.data.notification.title === toProviders.title);

    const toAll = await send(admin, 'Fire drill in five minutes', { everyone: true });
    expect(toAll.recipients.map((r) => r.userId).sort()).toEqual(
      [nurse.userId, provider.userId, frontDesk.userId].sort(),
    );
    await Promise.all(
      [nurseSocket, providerSocket, deskSocket].map((s) =>
        s.waitFor('notification:new', (e) => e.data.notification.title === toAll.title),
      ),
    );
    await adminSocket.expectNone('notification:new', (e) => e.data.notification.title === toAll.title);
    await foreignSocket.expectNone('notification:new');
    await nurseSocket.expectNone('notification:new', (e) => e.data.notification.title === toProviders.title);

    expect((await admin.rest.post('/api/alerts', { title: 'x', to: {} })).status).toBe(400);
    expect((await admin.rest.post('/api/alerts', { title: 'x', to: { userIds: [otherClinic.userId] } })).status).toBe(
      404,
    );
    expect((await admin.rest.post('/api/alerts', { title: 'x', to: { userIds: [admin.userId] } })).status).toBe(400);
  });

  it('comes again on every reconnect until acknowledged, and the ack reaches all of the person’s tabs', async () => {
    const title = 'Call the lab about specimen 42';
    const alert = await send(provider, title, { userIds: [frontDesk.userId] });
    const first = await frontDesk.connect();
    const redelivered = await first.waitFor('notification:new', (e) => e.data.notification.title === title);
    const id = redelivered.data.notification.id;
    expect(redelivered.data.notification.requiresAck).toBe(true);

    const markRead = await first.command('notification:mark-read', { ids: [id] });
    expect(markRead.ok).toBe(true);
    first.close();
    const foreignSocket = await otherClinic.connect();
    const again = await frontDesk.connect();
    await again.waitFor('notification:new', about(id));
    const secondTab = await frontDesk.connect();
    await secondTab.waitFor('notification:new', about(id));
    // The redelivery greets the connecting socket only: not the tab already open, a colleague or another clinic.
    await again.expectNone('notification:new', about(id));
    await adminSocket.expectNone('notification:new', about(id));
    await foreignSocket.expectNone('notification:new');

    expect(await again.command('notification:ack', { id })).toEqual({ ok: true });
    expect(await secondTab.waitFor('notification:read', (r) => r.ids.includes(id))).toEqual({ ids: [id] });
    await secondTab.waitFor('notification:unread-count');
    expect(await secondTab.command('notification:ack', { id })).toEqual({ ok: true });

    frontDesk.close();
    const afterAck = await frontDesk.connect();
    await afterAck.expectNone('notification:new', about(id));
    const status = (await provider.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(status.recipients).toEqual([
      expect.objectContaining({
        userId: frontDesk.userId,
        deliveredAt: expect.any(String),
        acknowledgedAt: expect.any(String),
      }),
    ]);
  });

  it('escalates to the admins after ALERT_ESCALATION_SECONDS and not before, once, and records it', async () => {
    const title = 'Dr. needed for anaphylaxis';
    const sentAt = Date.now();
    const alert = await send(provider, title, { userIds: [nurse.userId] });
    await adminSocket.expectNone('notification:new', escalationOf(title));
    const escalation = await adminSocket.waitFor('notification:new', escalationOf(title), 4000);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(ESCALATION_SECONDS * 1000 - 50);
    expect(escalation.data.notification).toMatchObject({
      kind: 'urgent-alert',
      priority: 'urgent',
      requiresAck: true,
      link: `/alerts/${alert.id}`,
      body: expect.stringContaining(nurse.login.user.name),
    });
    const status = (await admin.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(Date.parse(status.escalatedAt!) - Date.parse(status.createdAt)).toBeGreaterThanOrEqual(
      ESCALATION_SECONDS * 1000,
    );
    await adminSocket.expectNone('notification:new', escalationOf(title), { after: laterEscalation() });
    await admin.rest.post(`/api/notifications/${escalation.data.notification.id}/ack`);
  });

  it('tells every tab of the sender and the admins that an alert was sent, before anyone received it, and nobody else', async () => {
    const sockets = await Promise.all([provider, provider, frontDesk, otherClinic].map((s) => s.connect()));
    const [senderTab, otherSenderTab, ...bystanders] = sockets;
    const alert = await send(provider, 'Room 4 needs a chaperone', { userIds: [nurse.userId] });
    const ofAlert = (e: DomainEvent<'alert:sent'>) => e.data.alert.id === alert.id;
    const told = await Promise.all(
      [senderTab, otherSenderTab, adminSocket].map((s) => s.waitFor('alert:sent', ofAlert)),
    );
    expect(told[1]).toEqual(told[0]);
    expect(told[2]).toEqual(told[0]);
    expect(told[0]).toMatchObject({
      type: 'alert:sent',
      tenantId: provider.login.user.tenantId,
      actor: { id: provider.userId },
      data: { alert },
    });
    expect(told[0].data.alert.recipients).toEqual([{ userId: nurse.userId, name: nurse.login.user.name }]);
    for (const bystander of bystanders) await bystander.expectNone('alert:sent');
    sockets.forEach((socket) => socket.close());
  });

  it('tells the sender and the admins that an alert escalated, and no recipient, other staff or other clinic', async () => {
    const sockets = await Promise.all([provider, nurse, frontDesk, otherClinic].map((s) => s.connect()));
    const [senderSocket, ...bystanders] = sockets;
    const title = 'Patient fainted in the waiting room';
    const alert = await send(provider, title, { userIds: [nurse.userId] });
    const ofAlert = (e: DomainEvent<'alert:escalated'>) => e.data.alertId === alert.id;
    const [toSender, toAdmin] = await Promise.all(
      [senderSocket, adminSocket].map((s) => s.waitFor('alert:escalated', ofAlert, ESCALATION_SECONDS * 1000 + 3000)),
    );
    expect(toSender).toEqual(toAdmin);
    const status = (await admin.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(toSender).toMatchObject({
      type: 'alert:escalated',
      tenantId: provider.login.user.tenantId,
      data: { alertId: alert.id, escalatedAt: status.escalatedAt },
    });
    expect(toSender.actor).toBeUndefined();
    for (const bystander of bystanders) await bystander.expectNone('alert:escalated');
    const escalation = await adminSocket.waitFor('notification:new', escalationOf(title));
    await admin.rest.post(`/api/notifications/${escalation.data.notification.id}/ack`);
    sockets.forEach((socket) => socket.close());
  });

  it('does not escalate an alert acknowledged in time', async () => {
    const title = 'Check the autoclave';
    const alert = await send(provider, title, { userIds: [nurse.userId] });
    await nurse.rest.post(`/api/notifications/${await notificationIdOf(nurse, title)}/ack`);
    await adminSocket.expectNone('notification:new', escalationOf(title), { after: laterEscalation() });
    const status = (await admin.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(status.escalatedAt).toBeUndefined();
    expect(status.recipients[0].acknowledgedAt).toEqual(expect.any(String));
  });

  it('escalates to an admin among the recipients who already acknowledged, and to no one still waiting', async () => {
    const sockets = await Promise.all([nurse, otherClinic].map((s) => s.connect()));
    const [nurseSocket, otherSocket] = sockets;
    const title = 'Crash cart missing from room 1';
    const alert = await send(provider, title, { userIds: [nurse.userId, admin.userId] });
    await admin.rest.post(`/api/notifications/${await notificationIdOf(admin, title)}/ack`);
    const escalation = await adminSocket.waitFor(
      'notification:new',
      escalationOf(title),
      ESCALATION_SECONDS * 1000 + 3000,
    );
    expect(escalation.data.notification.body).toContain(nurse.login.user.name);
    expect(escalation.data.notification.body).not.toContain(admin.login.user.name);
    const status = (await provider.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(status.escalatedAt).toEqual(expect.any(String));
    for (const socket of sockets) await socket.expectNone('notification:new', escalationOf(title));
    await admin.rest.post(`/api/notifications/${escalation.data.notification.id}/ack`);
    [nurseSocket, otherSocket].forEach((socket) => socket.close());
  });

  it('neither records nor announces an escalation when every admin is still waiting to acknowledge it', async () => {
    const senderSocket = await provider.connect();
    const title = 'Smoke in the lab';
    const alert = await send(provider, title, { userIds: [nurse.userId, admin.userId] });
    const ofAlert = (e: DomainEvent<'alert:escalated'>) => e.data.alertId === alert.id;
    await adminSocket.expectNone('notification:new', escalationOf(title), { after: laterEscalation() });
    for (const socket of [senderSocket, adminSocket]) await socket.expectNone('alert:escalated', ofAlert);
    const status = (await provider.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(status.escalatedAt).toBeUndefined();
    expect(status.recipients.every((recipient) => !recipient.acknowledgedAt)).toBe(true);
    await admin.rest.post(`/api/notifications/${await notificationIdOf(admin, title)}/ack`);
    senderSocket.close();
  });

  it('escalates after a restart an alert that fell due while the API was down', async () => {
    const title = 'Generator failure';
    const alert = await send(provider, title, { userIds: [nurse.userId] });
    closeAll();
    await server.stop();
    await untilPast(Date.parse(alert.createdAt) + ESCALATION_SECONDS * 1000);
    await server.start();
    await signInAll();
    adminSocket = await admin.connect();
    await adminSocket.waitFor('notification:new', escalationOf(title), 5000);
    const status = (await admin.rest.get<AlertSummary>(`/api/alerts/${alert.id}`)).body;
    expect(status.escalatedAt).toEqual(expect.any(String));
  });
});
