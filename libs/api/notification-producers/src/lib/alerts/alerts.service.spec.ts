import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@derm/api/config';
import { NotificationCreated, NotificationsService } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { AlertEntity } from './alert.entity';
import { AlertsService } from './alerts.service';
import { AlertStatusChanged } from './events/alert-status-changed.event';
import { AlertSent } from './events/alert-sent.event';

const PAGE = { size: 50 };

const ESCALATION_MS = 60_000;

describe('AlertsService', () => {
  let alerts: AlertsService;
  let notifications: NotificationsService;
  let emitted: Emitted[];
  let dataSource: DataSource;

  beforeEach(async () => {
    const clinic = await clinicWith(
      [AlertEntity],
      [AlertsService, { provide: AppConfig, useValue: { alertEscalationMs: ESCALATION_MS } }],
    );
    alerts = clinic.moduleRef.get(AlertsService);
    notifications = clinic.moduleRef.get(NotificationsService);
    emitted = clinic.emitted;
    dataSource = clinic.moduleRef.get(DataSource);
  });

  it('sends an urgent notice that needs an ack to the named person, due to escalate after the configured time, and tells its followers', async () => {
    const sent = await alerts.send(asUser(staff.desk), {
      title: 'Patient fainted',
      body: 'Room 3',
      to: { userIds: [ids.nurse] },
    });
    expect(sent).toMatchObject({
      title: 'Patient fainted',
      body: 'Room 3',
      escalates: true,
      sender: { id: ids.desk, name: 'Felix Park' },
      recipients: [{ userId: ids.nurse, name: 'Nora Quinn' }],
    });
    const [created] = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name);
    expect(created.notification).toMatchObject({
      kind: 'urgent-alert',
      priority: 'urgent',
      requiresAck: true,
      sender: { id: ids.desk, name: 'Felix Park', role: 'front-desk' },
    });
    const [alertSent] = eventsNamed<AlertSent>(emitted, AlertSent.name);
    expect(alertSent.escalationDueAt!.getTime() - Date.parse(sent.createdAt)).toBe(ESCALATION_MS);
    // For the Alerts lists of those who follow it: the sender and the admins, never the recipient.
    expect(alertSent.alert).toEqual(sent);
    expect([...alertSent.watcherIds].sort()).toEqual([ids.desk, ids.admin].sort());
  });

  it('keeps neither the alert nor any notice, and announces nothing, when the notices cannot be stored', async () => {
    await dataSource.query(
      `CREATE TRIGGER refuse_notices BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    const sending = alerts.send(asUser(staff.desk), {
      title: 'Patient fainted',
      to: { userIds: [ids.nurse, ids.provider] },
    });
    await expect(sending).rejects.toThrow('refused');
    await dataSource.query('DROP TRIGGER refuse_notices');
    expect(await dataSource.getRepository(AlertEntity).count()).toBe(0);
    expect((await alerts.recent(asUser(staff.admin), PAGE)).items).toEqual([]);
    expect(emitted).toEqual([]);
  });

  it('resolves a role or everyone, never the sender, and never escalates those', async () => {
    const toNurses = await alerts.send(asUser(staff.admin), { title: 'Nurses', to: { role: 'nurse' } });
    expect(toNurses.recipients.map((r) => r.userId)).toEqual([ids.nurse]);
    expect(toNurses.escalates).toBe(false);
    const toAll = await alerts.send(asUser(staff.admin), { title: 'All', to: { everyone: true } });
    expect(toAll.recipients.map((r) => r.userId).sort()).toEqual([ids.desk, ids.nurse, ids.provider].sort());
    expect(eventsNamed<AlertSent>(emitted, AlertSent.name).map((e) => e.escalationDueAt)).toEqual([null, null]);
  });

  it('refuses no target, only the sender, or someone of another clinic', async () => {
    await expect(alerts.send(asUser(staff.admin), { title: 'x', to: {} })).rejects.toBeInstanceOf(BadRequestException);
    await expect(alerts.send(asUser(staff.admin), { title: 'x', to: { userIds: [ids.admin] } })).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await expect(
      alerts.send(asUser(staff.admin), { title: 'x', to: { userIds: [ids.otherAdmin] } }),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect(emitted).toEqual([]);
  });

  it('shows who acknowledged to the sender and admins only', async () => {
    const sent = await alerts.send(asUser(staff.desk), {
      title: 'Call lab',
      to: { userIds: [ids.nurse, ids.provider] },
    });
    const { notification } = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name)[0];
    await notifications.acknowledge(asUser(staff.nurse), notification.id);

    const status = await alerts.status(asUser(staff.admin), sent.id);
    const byUser = Object.fromEntries(status.recipients.map((r) => [r.userId, r]));
    expect(byUser[ids.nurse]).toMatchObject({ acknowledgedAt: expect.any(String), readAt: expect.any(String) });
    expect(byUser[ids.provider].acknowledgedAt).toBeUndefined();
    expect(await alerts.status(asUser(staff.desk), sent.id)).toEqual(status);
    await expect(alerts.status(asUser(staff.provider), sent.id)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(alerts.status(asUser(staff.otherAdmin), sent.id)).rejects.toBeInstanceOf(NotFoundException);
    expect((await alerts.recent(asUser(staff.admin), PAGE)).items.map((a) => a.id)).toEqual([sent.id]);
    expect((await alerts.recent(asUser(staff.nurse), PAGE)).items).toEqual([]);
  });

  it('announces a recipient’s status to the sender and the admins, and nothing for a notice that is not an alert’s', async () => {
    const sent = await alerts.send(asUser(staff.desk), {
      title: 'Call lab',
      to: { userIds: [ids.nurse, ids.provider] },
    });
    const { notification } = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name)[0];
    await alerts.announceStatus(staff.nurse.tenantId, notification.id, [ids.nurse]);
    await notifications.acknowledge(asUser(staff.nurse), notification.id);
    await alerts.announceStatus(staff.nurse.tenantId, notification.id, [ids.nurse]);
    const other = await notifications.notify({
      tenantId: staff.nurse.tenantId,
      to: { userIds: [ids.nurse] },
      kind: 'urgent-alert',
      priority: 'urgent',
      title: 'x',
    });
    await notifications.acknowledge(asUser(staff.nurse), other.id);
    await alerts.announceStatus(staff.nurse.tenantId, other.id, [ids.nurse]);

    const announced = eventsNamed<AlertStatusChanged>(emitted, AlertStatusChanged.name);
    expect(announced).toHaveLength(2);
    for (const { watcherIds, actor } of announced) {
      expect([...watcherIds].sort()).toEqual([ids.desk, ids.admin].sort());
      expect(actor).toEqual({ id: ids.nurse, name: 'Nora Quinn' });
    }
    expect(announced.map((event) => event.status)).toEqual([
      {
        alertId: sent.id,
        recipient: expect.not.objectContaining({ acknowledgedAt: expect.anything() }),
        acknowledgedCount: 0,
        recipientCount: 2,
      },
      {
        alertId: sent.id,
        recipient: expect.objectContaining({ userId: ids.nurse, acknowledgedAt: expect.any(String) }),
        acknowledgedCount: 1,
        recipientCount: 2,
      },
    ]);
  });
});
