import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { AppConfig } from '@derm/api/config';
import { NotificationCreated, NotificationsService } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { AlertEscalationService } from './alert-escalation.service';
import { AlertEntity } from './alert.entity';
import { AlertsService } from './alerts.service';
import { AlertEscalated } from './events/alert-escalated.event';

const ESCALATION_MS = 60_000;

describe('AlertEscalationService', () => {
  let alerts: AlertsService;
  let escalation: AlertEscalationService;
  let notifications: NotificationsService;
  let staffMembers: Repository<StaffMemberEntity>;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith(
      [AlertEntity],
      [AlertsService, AlertEscalationService, { provide: AppConfig, useValue: { alertEscalationMs: ESCALATION_MS } }],
    );
    alerts = clinic.moduleRef.get(AlertsService);
    escalation = clinic.moduleRef.get(AlertEscalationService);
    notifications = clinic.moduleRef.get(NotificationsService);
    staffMembers = clinic.moduleRef.get(getRepositoryToken(StaffMemberEntity));
    emitted = clinic.emitted;
  });

  const sendTo = async (userIds: string[]) => {
    const alert = await alerts.send(asUser(staff.provider), { title: 'Code blue', to: { userIds } });
    const notificationId = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name).at(-1)!.notification.id;
    return { alert, notificationId, due: new Date(Date.parse(alert.createdAt) + ESCALATION_MS) };
  };
  const sendToNurse = () => sendTo([ids.nurse]);
  const escalations = () => eventsNamed<NotificationCreated>(emitted, NotificationCreated.name).slice(1);

  it('escalates to the admins once it is due, not before, and only once', async () => {
    const { alert, due } = await sendToNurse();
    expect(await escalation.pending()).toEqual([{ tenantId: ids.tenant, alertId: alert.id, dueAt: due }]);
    expect(await escalation.escalateIfDue(ids.tenant, alert.id, new Date(due.getTime() - 1))).toBe(false);
    expect(escalations()).toEqual([]);

    expect(await escalation.escalateIfDue(ids.tenant, alert.id, due)).toBe(true);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]).toMatchObject({
      recipientIds: [ids.admin],
      notification: {
        title: 'Not acknowledged: Code blue',
        priority: 'urgent',
        requiresAck: true,
        link: `/alerts/${alert.id}`,
      },
    });
    expect(escalations()[0].notification.body).toContain('Nora Quinn');
    expect((await alerts.status(asUser(staff.admin), alert.id)).escalatedAt).toBe(due.toISOString());
    expect(await escalation.escalateIfDue(ids.tenant, alert.id, due)).toBe(false);
    expect(await escalation.pending()).toEqual([]);
  });

  it('names who is waiting in a body the inbox holds, counted in characters and cut with an ellipsis', async () => {
    // A name as long as its column, of characters outside the Basic Multilingual Plane (𠮷, as in 𠮷田).
    const sender = { ...asUser(staff.provider), name: `Dr. ${'𠮷'.repeat(196)}` };
    const waiting = '𠮷'.repeat(200);
    await staffMembers.update([ids.nurse, ids.desk], { name: waiting });
    const escalatedBody = async (userIds: string[]) => {
      const alert = await alerts.send(sender, { title: 'Code blue', to: { userIds } });
      await escalation.escalateIfDue(ids.tenant, alert.id, new Date(Date.parse(alert.createdAt) + ESCALATION_MS));
      return escalations().at(-1)?.notification.body;
    };
    const opening = `Urgent alert from ${sender.name} still waiting for `;

    expect(await escalatedBody([ids.nurse])).toBe(`${opening}${waiting}`);
    const cut = await escalatedBody([ids.nurse, ids.desk]);
    expect(cut).toBe(`${opening}${waiting}, ${'𠮷'.repeat(500 - 1 - 237 - 202)}…`);
    expect(Array.from(cut ?? '')).toHaveLength(500);
  });

  it('tells the sender and every admin it escalated, once, and nobody for an alert that did not', async () => {
    const { alert, due } = await sendToNurse();
    const settled = await sendToNurse();
    await notifications.acknowledge(asUser(staff.nurse), settled.notificationId);
    await escalation.escalateIfDue(ids.tenant, alert.id, due);
    await escalation.escalateIfDue(ids.tenant, alert.id, due);
    await escalation.escalateIfDue(ids.tenant, settled.alert.id, settled.due);

    const told = eventsNamed<AlertEscalated>(emitted, AlertEscalated.name);
    expect(told).toHaveLength(1);
    expect([...told[0].watcherIds].sort()).toEqual([ids.provider, ids.admin].sort());
    expect(told[0]).toMatchObject({
      tenantId: ids.tenant,
      escalation: { alertId: alert.id, escalatedAt: due.toISOString() },
    });
    expect(told[0].actor).toBeUndefined();
  });

  it('escalates to an admin among the recipients who already acknowledged, not to one still waiting', async () => {
    const { alert, notificationId, due } = await sendTo([ids.nurse, ids.admin]);
    await notifications.acknowledge(asUser(staff.admin), notificationId);
    expect(await escalation.escalateIfDue(ids.tenant, alert.id, due)).toBe(true);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0].recipientIds).toEqual([ids.admin]);
    expect(escalations()[0].notification.body).toContain('Nora Quinn');
    expect((await alerts.status(asUser(staff.admin), alert.id)).escalatedAt).toBe(due.toISOString());
  });

  it('records and announces no escalation when every admin is still waiting to acknowledge it', async () => {
    const { alert, due } = await sendTo([ids.nurse, ids.admin]);
    expect(await escalation.escalateIfDue(ids.tenant, alert.id, due)).toBe(false);
    expect(escalations()).toEqual([]);
    expect(eventsNamed<AlertEscalated>(emitted, AlertEscalated.name)).toEqual([]);
    expect((await alerts.status(asUser(staff.provider), alert.id)).escalatedAt).toBeUndefined();
    expect(await escalation.pending()).toEqual([]);
    expect(await escalation.escalateIfDue(ids.tenant, alert.id, due)).toBe(false);
  });

  it('settles once everyone acknowledged, and then never escalates', async () => {
    const { alert, notificationId, due } = await sendToNurse();
    await notifications.acknowledge(asUser(staff.nurse), notificationId);
    expect(await escalation.settleIfAcknowledged(ids.tenant, notificationId)).toBe(alert.id);
    expect(await escalation.pending()).toEqual([]);
    expect(await escalation.escalateIfDue(ids.tenant, alert.id, due)).toBe(false);
    expect(escalations()).toEqual([]);
    expect((await alerts.status(asUser(staff.admin), alert.id)).escalatedAt).toBeUndefined();
  });

  it('does not settle while someone has not acknowledged', async () => {
    const { notificationId } = await sendToNurse();
    expect(await escalation.settleIfAcknowledged(ids.tenant, notificationId)).toBeUndefined();
    expect(await escalation.settleIfAcknowledged(ids.otherTenant, notificationId)).toBeUndefined();
    expect(await escalation.pending()).toHaveLength(1);
  });
});
