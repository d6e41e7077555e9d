import { Injectable } from '@nestjs/common';
import { IsNull, Not, Repository } from 'typeorm';
import { StaffDirectory } from '@derm/api/auth';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { NotificationInbox, NotificationsService } from '@derm/api/notifications';
import { StaffMember } from '@derm/shared/contracts';
import { noticeBody, noticeTitle } from '../notice-text';
import { AlertEntity } from './alert.entity';
import { alertWatchers } from './alert-watchers';
import { AlertEscalated } from './events/alert-escalated.event';

export interface PendingEscalation {
  tenantId: string;
  alertId: string;
  dueAt: Date;
}

const PENDING = { escalationDueAt: Not(IsNull()) };

/**
 * Sends an alert to named people on to the clinic's admins (those not themselves still waiting to
 * acknowledge it) when someone has not acknowledged it in time, and tells its sender and the
 * admins it did (`AlertEscalated`). The database decides: an alert escalates at most once,
 * whichever node's timer fires.
 */
@Injectable()
export class AlertEscalationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly inbox: NotificationInbox,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffDirectory,
    private readonly events: DomainEvents,
  ) {}

  private get alerts(): Repository<AlertEntity> {
    return this.transactions.repository(AlertEntity);
  }

  /** Every escalation still pending, across clinics: scheduled again at start-up. */
  async pending(): Promise<PendingEscalation[]> {
    const rows = await this.alerts.find({
      where: PENDING,
      select: { id: true, tenantId: true, escalationDueAt: true },
    });
    return rows.map((row) => ({ tenantId: row.tenantId, alertId: row.id, dueAt: row.escalationDueAt as Date }));
  }

  /**
   * True when it escalated now; false when not due, already settled, everyone acknowledged, or no
   * admin is left to tell (every one of them still waiting to acknowledge it): then the alert
   * records no escalation and nobody is told of one.
   */
  escalateIfDue(tenantId: string, alertId: string, now = new Date()): Promise<boolean> {
    return this.transactions.run(async () => {
      const alert = await this.alerts.findOneBy({ tenantId, id: alertId, ...PENDING });
      if (!alert?.escalationDueAt || alert.escalationDueAt > now) return false;
      const copies = await this.inbox.copiesOf(tenantId, [alert.notificationId]);
      const waiting = copies.filter((copy) => !copy.acknowledgedAt).map((copy) => copy.recipientId);
      // An admin still waiting has the alert itself in front of them; one who acknowledged has not
      // seen the others fail to.
      const admins = waiting.length === 0 ? [] : await this.adminsNotWaiting(tenantId, waiting);
      const escalates = admins.length > 0;
      const { affected } = await this.alerts.update(
        { tenantId, id: alertId, ...PENDING },
        { escalationDueAt: null, escalatedAt: escalates ? now : null },
      );
      if (!affected || !escalates) return false;

      const names = (await this.staff.findMany(tenantId, waiting)).map((member) => member.name).join(', ');
      await this.notifications.notify({
        tenantId,
        to: { userIds: admins.map((admin) => admin.id) },
        kind: 'urgent-alert',
        priority: 'urgent',
        requiresAck: true,
        title: noticeTitle('Not acknowledged', alert.title),
        body: noticeBody(`Urgent alert from ${alert.senderName} still waiting for ${names}`),
        link: `/alerts/${alert.id}`,
      });
      const watcherIds = await alertWatchers(this.staff, tenantId, alert.senderId);
      this.events.publish(
        new AlertEscalated(tenantId, watcherIds, { alertId: alert.id, escalatedAt: now.toISOString() }),
      );
      return true;
    });
  }

  private async adminsNotWaiting(tenantId: string, waiting: readonly string[]): Promise<StaffMember[]> {
    const stillWaiting = new Set(waiting);
    return (await this.staff.withRole(tenantId, 'admin')).filter((admin) => !stillWaiting.has(admin.id));
  }

  /** Called on every acknowledgement: the alert id when everyone has now acknowledged it. */
  settleIfAcknowledged(tenantId: string, notificationId: string): Promise<string | undefined> {
    return this.transactions.run(async () => {
      const alert = await this.alerts.findOneBy({ tenantId, notificationId, ...PENDING });
      if (!alert) return undefined;
      const copies = await this.inbox.copiesOf(tenantId, [notificationId]);
      if (copies.some((copy) => !copy.acknowledgedAt)) return undefined;
      await this.alerts.update({ tenantId, id: alert.id, ...PENDING }, { escalationDueAt: null });
      return alert.id;
    });
  }
}
