import { AlertSummary, DomainEvent, NotificationList } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

type AlertStatus = DomainEvent<'alert:status'>;
const of = (alertId: string) => (e: AlertStatus) => e.data.alertId === alertId;
/** The status that says this recipient acknowledged the alert (a first delivery comes before it). */
const acknowledgedBy = (alertId: string, userId: string) => (e: AlertStatus) =>
  of(alertId)(e) && e.data.recipient.userId === userId && e.data.recipient.acknowledgedAt !== undefined;
const isAcknowledgement = (e: AlertStatus) => e.data.recipient.acknowledgedAt !== undefined;

describe('alert:status', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, frontDesk, admin, otherAdmin] = await Promise.all(
      [
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@riverside.test',
        'admin@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
  });
  afterAll(async () => {
    [nurse, provider, frontDesk, admin, otherAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  const send = async (from: StaffSession, title: string, userIds: string[]) => {
    const response = await from.rest.post<AlertSummary>('/api/alerts', { title, to: { userIds } });
    expect(response.status).toBe(201);
    return response.body;
  };
  const noticeOf = async (session: StaffSession, title: string) =>
    (await session.rest.get<NotificationList>('/api/notifications')).body.items.find((n) => n.title === title)!;

  it('tells the sender and the admins of each acknowledgement, and no recipient, other staff or other clinic', async () => {
    const sockets = await Promise.all([provider, admin, nurse, frontDesk, otherAdmin].map((s) => s.connect()));
    const [senderSocket, adminSocket, nurseSocket, deskSocket, foreignSocket] = sockets;
    const alert = await send(provider, 'Biopsy tray missing in room 2', [nurse.userId, frontDesk.userId]);
    const notice = await noticeOf(nurse, alert.title);

    expect(await nurseSocket.command('notification:ack', { id: notice.id })).toEqual({ ok: true });
    const [toSender, toAdmin] = await Promise.all(
      [senderSocket, adminSocket].map((s) => s.waitFor('alert:status', acknowledgedBy(alert.id, nurse.userId))),
    );
    expect(toSender).toEqual(toAdmin);
    expect(toSender).toMatchObject({
      type: 'alert:status',
      tenantId: provider.login.user.tenantId,
      actor: { id: nurse.userId, name: nurse.login.user.name },
      data: {
        alertId: alert.id,
        recipient: { userId: nurse.userId, name: nurse.login.user.name, acknowledgedAt: expect.any(String) },
        acknowledgedCount: 1,
        recipientCount: 2,
      },
    });
    for (const bystander of [nurseSocket, deskSocket, foreignSocket]) await bystander.expectNone('alert:status');

    expect((await frontDesk.rest.post(`/api/notifications/${notice.id}/ack`)).status).toBeLessThan(300);
    const second = await senderSocket.waitFor('alert:status', acknowledgedBy(alert.id, frontDesk.userId));
    expect(second.data).toMatchObject({
      recipient: { userId: frontDesk.userId },
      acknowledgedCount: 2,
      recipientCount: 2,
    });
    await adminSocket.waitFor('alert:status', acknowledgedBy(alert.id, frontDesk.userId));
    for (const bystander of [nurseSocket, deskSocket, foreignSocket]) await bystander.expectNone('alert:status');

    // A repeated acknowledgement changes nothing, so it announces nothing.
    expect(await nurseSocket.command('notification:ack', { id: notice.id })).toEqual({ ok: true });
    for (const socket of sockets) await socket.expectNone('alert:status', isAcknowledgement);
    sockets.forEach((socket) => socket.close());
  });

  it('reaches a sender who is not an admin, not a colleague left out of it nor the other clinic’s admin, whose own alert stays its own', async () => {
    const [senderSocket, adminSocket, foreignSocket, bystander] = await Promise.all(
      [nurse, admin, otherAdmin, frontDesk].map((s) => s.connect()),
    );
    const alert = await send(nurse, 'Provider needed in room 4', [provider.userId]);
    const providerSocket = await provider.connect();
    await providerSocket.command('notification:ack', { id: (await noticeOf(provider, alert.title)).id });
    await senderSocket.waitFor('alert:status', acknowledgedBy(alert.id, provider.userId));
    await adminSocket.waitFor('alert:status', acknowledgedBy(alert.id, provider.userId));
    await providerSocket.expectNone('alert:status');
    await foreignSocket.expectNone('alert:status');
    await bystander.expectNone('alert:status');

    const otherClinicNurse = await StaffSession.signIn(server.url, 'nurse@lakeside.test');
    const foreignAlert = await send(otherAdmin, 'Lakeside: freezer alarm', [otherClinicNurse.userId]);
    await otherClinicNurse.rest.post(
      `/api/notifications/${(await noticeOf(otherClinicNurse, foreignAlert.title)).id}/ack`,
    );
    await foreignSocket.waitFor('alert:status', acknowledgedBy(foreignAlert.id, otherClinicNurse.userId));
    await adminSocket.expectNone('alert:status', of(foreignAlert.id));
    await senderSocket.expectNone('alert:status', of(foreignAlert.id));
    otherClinicNurse.close();
    [senderSocket, adminSocket, foreignSocket, bystander, providerSocket].forEach((socket) => socket.close());
  });

  it('tells the sender and the admins when an alert first reaches a recipient who was offline, once', async () => {
    const [senderSocket, adminSocket, bystander, foreignSocket] = await Promise.all(
      [frontDesk, admin, provider, otherAdmin].map((s) => s.connect()),
    );
    const alert = await send(frontDesk, 'Sharps container full in room 1', [nurse.userId]);
    await senderSocket.expectNone('alert:status', of(alert.id));

    const nurseSocket = await nurse.connect();
    const delivered = await senderSocket.waitFor('alert:status', of(alert.id));
    expect(delivered.data).toEqual({
      alertId: alert.id,
      recipient: { userId: nurse.userId, name: nurse.login.user.name, deliveredAt: expect.any(String) },
      acknowledgedCount: 0,
      recipientCount: 1,
    });
    expect(await adminSocket.waitFor('alert:status', of(alert.id))).toEqual(delivered);
    for (const other of [bystander, foreignSocket, nurseSocket]) await other.expectNone('alert:status', of(alert.id));

    // Delivered already: another tab brings the alert again, and announces nothing.
    const secondTab = await nurse.connect();
    await secondTab.waitFor('notification:new', (e) => e.data.notification.title === alert.title);
    await senderSocket.expectNone('alert:status', of(alert.id));
    await nurse.rest.post(`/api/notifications/${(await noticeOf(nurse, alert.title)).id}/ack`);
    await senderSocket.waitFor('alert:status', acknowledgedBy(alert.id, nurse.userId));
    [senderSocket, adminSocket, bystander, foreignSocket, nurseSocket, secondTab].forEach((socket) => socket.close());
  });

  it('carries the sender, name and role, with the notice live and over REST', async () => {
    const nurseSocket = await nurse.connect();
    const alert = await send(frontDesk, 'Patient asking for a nurse at reception', [nurse.userId]);
    const sender = { id: frontDesk.userId, name: frontDesk.login.user.name, role: 'front-desk' };
    const live = await nurseSocket.waitFor('notification:new', (e) => e.data.notification.title === alert.title);
    expect(live.data.notification.sender).toEqual(sender);
    const stored = await noticeOf(nurse, alert.title);
    expect(stored.sender).toEqual(sender);
    await nurse.rest.post(`/api/notifications/${stored.id}/ack`);
    nurseSocket.close();
  });
});
