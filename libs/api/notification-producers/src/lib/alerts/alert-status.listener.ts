import { Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import { NotificationAcknowledged, NotificationsDelivered } from '@derm/api/notifications';
import { AlertsService } from './alerts.service';

/** Every delivery and acknowledgement of an inbox notice that belongs to an alert becomes that alert's status change. */
@Injectable()
export class AlertStatusListener {
  private readonly logger = new Logger('AlertStatus');

  constructor(private readonly alerts: AlertsService) {}

  @OnDomainEvent(NotificationAcknowledged)
  acknowledged({ tenantId, userId, notificationId }: NotificationAcknowledged): Promise<void> {
    return this.announce(tenantId, notificationId, [userId]);
  }

  @OnDomainEvent(NotificationsDelivered)
  async delivered({ tenantId, copies }: NotificationsDelivered): Promise<void> {
    for (const notificationId of new Set(copies.map((copy) => copy.notificationId))) {
      const recipientIds = copies
        .filter((copy) => copy.notificationId === notificationId)
        .map((copy) => copy.recipientId);
      await this.announce(tenantId, notificationId, recipientIds);
    }
  }

  private async announce(tenantId: string, notificationId: string, recipientIds: readonly string[]): Promise<void> {
    try {
      await this.alerts.announceStatus(tenantId, notificationId, recipientIds);
    } catch (error) {
      this.logger.error('Could not announce an alert status', error instanceof Error ? error.stack : error);
    }
  }
}
