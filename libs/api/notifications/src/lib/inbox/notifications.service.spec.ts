import { NotFoundException } from '@nestjs/common';
import { GATHERING_WINDOW_MS } from '@derm/api/database';
import { holdTheGatheringWindow, nextTurn } from '@derm/api/database/testing';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '../testing/clinic.spec-helper';
import { NotificationAcknowledged } from './events/notification-acknowledged.event';
import { NotificationCreated } from './events/notification-created.event';
import { NotificationsRead } from './events/notifications-read.event';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationsService } from './notifications.service';

const nurse = asUser(staff.nurse);

describe('NotificationsService', () => {
  let service: NotificationsService;
  let inbox: NotificationInbox;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith([]);
    service = clinic.moduleRef.get(NotificationsService);
    inbox = clinic.moduleRef.get(NotificationInbox);
    emitted = clinic.emitted;
  });

  const notify = (title: string, to: string[] = [ids.nurse], extra = {}) =>
    service.notify({ tenantId: ids.tenant, to: { userIds: to }, kind: 'general', title, priority: 'normal', ...extra });
  const alert = (title: string) => notify(title, [ids.nurse], { kind: 'urgent-alert', priority: 'urgent' });

  it('persists one copy per recipient under one id, drops strangers, then emits with each new count', async () => {
    await notify('earlier', [ids.provider]);
    const sent = await notify('Supplies arrived', [ids.nurse, ids.provider, ids.otherAdmin, ids.nurse]);
    expect(sent.recipientIds.sort()).toEqual([ids.nurse, ids.provider].sort());

    const created = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name).at(-1)!;
    expect(created).toMatchObject({ tenantId: ids.tenant, wholeClinic: false, recipientIds: sent.recipientIds });
    expect(created.notification).toEqual({
      id: sent.id,
      kind: 'general',
      title: 'Supplies arrived',
      priority: 'normal',
      createdAt: expect.any(String),
      requiresAck: false,
    });
    expect(Object.fromEntries(created.unreadCounts)).toEqual({ [ids.nurse]: 1, [ids.provider]: 2 });
    expect((await inbox.list(asUser(staff.provider), {})).items.map((n) => n.id)[0]).toBe(sent.id);
    expect((await inbox.list(asUser(staff.otherAdmin), {})).items).toEqual([]);
  });

  it('sends to the whole clinic, and sends nothing when no recipient is left', async () => {
    const sent = await service.notify({
      tenantId: ids.tenant,
      to: { wholeClinic: true },
      kind: 'announcement',
      title: 'Hi',
      priority: 'normal',
    });
    expect(sent.recipientIds).toHaveLength(4);
    expect(eventsNamed<NotificationCreated>(emitted, NotificationCreated.name)[0].wholeClinic).toBe(true);
    await notify('nobody', [ids.otherAdmin]);
    expect(emitted).toHaveLength(1);
  });

  it('marks read what was unread and tells the other tabs (all of it by its time), leaving alerts that await an ack', async () => {
    const first = await notify('one');
    const second = await notify('two');
    const urgent = await alert('urgent');
    emitted.length = 0;

    expect(await service.markRead(nurse, [first.id, urgent.id])).toBe(2);
    expect(eventsNamed<NotificationsRead>(emitted, NotificationsRead.name)).toEqual([
      expect.objectContaining({ userId: ids.nurse, ids: [first.id], unreadCount: 2 }),
    ]);
    expect(await service.markRead(nurse, [first.id])).toBe(2);
    expect(emitted).toHaveLength(1);

    expect(await service.markAllRead(nurse)).toBe(1);
    expect(eventsNamed<NotificationsRead>(emitted, NotificationsRead.name).at(-1)).toMatchObject({
      ids: [],
      allUpTo: expect.any(Date),
      unreadCount: 1,
    });
    expect(await service.markAllRead(nurse)).toBe(1);
    expect(await service.markRead(nurse, [second.id])).toBe(1);
    expect(eventsNamed<NotificationsRead>(emitted, NotificationsRead.name)).toHaveLength(2);
    expect(await service.markRead(asUser(staff.provider), [urgent.id])).toBe(0);
  });

  it('acknowledges once: read and acknowledged, announced once, 404 for anyone else', async () => {
    const urgent = await alert('Room 3');
    emitted.length = 0;
    const view = await service.acknowledge(nurse, urgent.id);
    expect(view).toMatchObject({
      id: urgent.id,
      requiresAck: true,
      readAt: expect.any(String),
      acknowledgedAt: view.readAt,
    });
    expect(emitted).toEqual([
      {
        name: NotificationAcknowledged.name,
        event: expect.objectContaining({ userId: ids.nurse, notificationId: urgent.id, unreadCount: 0 }),
      },
    ]);
    expect(await service.acknowledge(nurse, urgent.id)).toEqual(view);
    expect(emitted).toHaveLength(1);
    await expect(service.acknowledge(asUser(staff.provider), urgent.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('gives a new connection its count and the alerts still awaiting an ack, oldest first, not yet delivered', async () => {
    await notify('plain');
    const older = await alert('older');
    // Two notices of one millisecond have no order between them: the newer one comes after it.
    const [{ createdAt }] = await inbox.copiesOf(ids.tenant, [older.id]);
    while (Date.now() <= createdAt.getTime()) await new Promise((resolve) => setImmediate(resolve));
    const newer = await alert('newer');
    const acknowledged = await alert('done');
    await service.acknowledge(nurse, acknowledged.id);

    const state = await service.onConnected(ids.tenant, ids.nurse);
    expect(state.unreadCount).toBe(3);
    expect(state.pending.map((n) => n.id)).toEqual([older.id, newer.id]);
    const copies = await inbox.copiesOf(ids.tenant, [older.id, newer.id]);
    // Delivered once the client confirms it has them (AlertReceipts), not when they are read here.
    expect(copies.map((copy) => copy.deliveredAt)).toEqual([null, null]);
  });

  it('greets a connection with no alert awaiting an ack with its count alone', async () => {
    await notify('plain');
    const acknowledged = await alert('done');
    await service.acknowledge(nurse, acknowledged.id);
    await notify('another');

    expect(await service.onConnected(ids.tenant, ids.nurse)).toEqual({ unreadCount: 2, pending: [] });
  });

  it('greets the connections of one moment with one query per clinic, each with their own counts only', async () => {
    await notify('for the nurse');
    await notify('for both', [ids.nurse, ids.provider]);
    await alert('urgent for the nurse');
    const greetings = jest.spyOn(inbox, 'greetings');

    const greeted = await Promise.all([
      service.onConnected(ids.tenant, ids.nurse),
      service.onConnected(ids.tenant, ids.provider),
      service.onConnected(ids.tenant, ids.desk),
      service.onConnected(ids.otherTenant, ids.otherAdmin),
      // The nurse's id presented under another clinic: nothing of hers.
      service.onConnected(ids.otherTenant, ids.nurse),
      service.onConnected(ids.tenant, ids.nurse),
    ]);

    expect(greeted.map((state) => [state.unreadCount, state.pending.length])).toEqual([
      [3, 1],
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [3, 1],
    ]);
    expect(greetings.mock.calls.map(([tenantId]) => tenantId).sort()).toEqual([ids.tenant, ids.otherTenant].sort());
  });

  it('greets connections of successive turns of the event loop with one query, as they arrive in a reconnect storm', async () => {
    await notify('for the nurse');
    const greetings = jest.spyOn(inbox, 'greetings');
    holdTheGatheringWindow();
    try {
      const nurse = service.onConnected(ids.tenant, ids.nurse);
      await nextTurn();
      const provider = service.onConnected(ids.tenant, ids.provider);
      await nextTurn();
      const desk = service.onConnected(ids.tenant, ids.desk);
      jest.advanceTimersByTime(GATHERING_WINDOW_MS);

      expect((await Promise.all([nurse, provider, desk])).map((state) => state.unreadCount)).toEqual([1, 0, 0]);
      expect(greetings).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
