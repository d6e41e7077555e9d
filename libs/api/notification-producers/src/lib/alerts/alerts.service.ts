import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest } from '@derm/api/database';
import { AuthenticatedUser, StaffDirectory, toActor } from '@derm/api/auth';
import { AppConfig } from '@derm/api/config';
import { IdempotentWrites, Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { NotificationInbox, NotificationsService } from '@derm/api/notifications';
import { AlertSummary } from '@derm/shared/contracts';
import { AlertEntity } from './alert.entity';
import { resolveAlertRecipients } from './alert-recipients';
import { alertWatchers } from './alert-watchers';
import { toAlertSummary } from './alert-summary';
import { SendAlertDto } from './dto/send-alert.dto';
import { AlertStatusChanged } from './events/alert-status-changed.event';
import { AlertSent } from './events/alert-sent.event';
import { keyedCreate } from '../keyed-create';

const NEWEST_FIRST: KeysetOrder<AlertEntity> = { key: 'createdAt', direction: 'DESC', kind: 'date' };

/** Urgent alerts: sent as notifications that need an ack; the sender and admins follow who acked. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly notifications: NotificationsService,
    private readonly inbox: NotificationInbox,
    private readonly staff: StaffDirectory,
    private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  private get alerts(): Repository<AlertEntity> {
    return this.transactions.repository(AlertEntity);
  }

  /** With an idempotency key, a retry answers the first alert and stores and notifies nothing more. */
  send(user: AuthenticatedUser, dto: SendAlertDto, idempotencyKey?: string): Promise<AlertSummary> {
    return this.idempotent.run(keyedCreate(user, 'alert:send', dto, idempotencyKey), async () => {
      const recipientIds = await resolveAlertRecipients(this.staff, user, dto.to);
      const createdAt = new Date();
      const escalates = (dto.to.userIds?.length ?? 0) > 0;
      const alert = this.alerts.create({
        id: randomUUID(),
        tenantId: user.tenantId,
        notificationId: randomUUID(),
        senderId: user.userId,
        senderName: user.name,
        title: dto.title.trim(),
        body: dto.body?.trim() || null,
        escalates,
        escalationDueAt: escalates ? new Date(createdAt.getTime() + this.config.alertEscalationMs) : null,
        escalatedAt: null,
        createdAt,
      });
      await this.alerts.insert(alert);
      await this.notifications.notify({
        id: alert.notificationId,
        tenantId: user.tenantId,
        to: { userIds: recipientIds },
        kind: 'urgent-alert',
        priority: 'urgent',
        requiresAck: true,
        title: alert.title,
        ...(alert.body ? { body: alert.body } : {}),
        link: '/notifications',
        actor: toActor(user),
        sender: { id: user.userId, name: user.name, role: user.role },
      });
      const summary = await this.summarize(user.tenantId, alert);
      const watcherIds = await alertWatchers(this.staff, user.tenantId, user.userId);
      this.events.publish(new AlertSent(user.tenantId, toActor(user), summary, watcherIds, alert.escalationDueAt));
      return summary;
    });
  }

  /** For the sender and the clinic's admins. */
  async status(user: AuthenticatedUser, id: string): Promise<AlertSummary> {
    const alert = await this.alerts.findOneBy({ tenantId: user.tenantId, id });
    if (!alert) throw new NotFoundException(`Alert ${id} not found`);
    if (user.role !== 'admin' && alert.senderId !== user.userId) {
      throw new ForbiddenException('Only the sender and admins may follow an alert');
    }
    return this.summarize(user.tenantId, alert);
  }

  /** The caller's recent alerts; for admins, the whole clinic's. */
  async recent(user: AuthenticatedUser, page: PageRequest): Promise<Page<AlertSummary>> {
    const visible = { tenantId: user.tenantId, ...(user.role === 'admin' ? {} : { senderId: user.userId }) };
    const rows = await this.alerts.find(keysetFind(visible, NEWEST_FIRST, page));
    const alerts = rows.slice(0, page.size);
    const copies = await this.inbox.copiesOf(
      user.tenantId,
      alerts.map((alert) => alert.notificationId),
    );
    const staff = await this.staff.list(user.tenantId);
    return keysetPage(rows, NEWEST_FIRST, page, (alert) =>
      toAlertSummary(
        alert,
        copies.filter((copy) => copy.notificationId === alert.notificationId),
        staff,
      ),
    );
  }

  /** These recipients' copies of the alert behind `notificationId` changed: its sender and the admins hear their status. */
  async announceStatus(tenantId: string, notificationId: string, recipientIds: readonly string[]): Promise<void> {
    const alert = await this.alerts.findOneBy({ tenantId, notificationId });
    if (!alert) return;
    const summary = await this.summarize(tenantId, alert);
    const watcherIds = await alertWatchers(this.staff, tenantId, alert.senderId);
    const acknowledgedCount = summary.recipients.filter((copy) => copy.acknowledgedAt).length;
    for (const recipient of summary.recipients.filter((copy) => recipientIds.includes(copy.userId))) {
      this.events.publish(
        new AlertStatusChanged(tenantId, { id: recipient.userId, name: recipient.name }, watcherIds, {
          alertId: alert.id,
          recipient,
          acknowledgedCount,
          recipientCount: summary.recipients.length,
        }),
      );
    }
  }

  private async summarize(tenantId: string, alert: AlertEntity): Promise<AlertSummary> {
    const copies = await this.inbox.copiesOf(tenantId, [alert.notificationId]);
    const staff = await this.staff.findMany(
      tenantId,
      copies.map((copy) => copy.recipientId),
    );
    return toAlertSummary(alert, copies, staff);
  }
}
