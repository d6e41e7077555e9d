import { Injectable, Logger } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import { NotificationAcknowledged } from '@derm/api/notifications';
import { AlertsService } from './alerts.service';

/** Every acknowledgement of an inbox notice that belongs to an alert becomes that alert's status change. */
@Injectable()
export class AlertAcknowledgementListener {
  private readonly logger = new Logger('AlertStatus');

  constructor(private readonly alerts: AlertsService) {}

  @OnDomainEvent(NotificationAcknowledged)
  async acknowledged({ tenantId, userId, notificationId }: NotificationAcknowledged): Promise<void> {
    try {
      await this.alerts.announceAcknowledgement(tenantId, notificationId, userId);
    } catch (error) {
      this.logger.error('Could not announce an alert acknowledgement', error instanceof Error ? error.stack : error);
    }
  }
}
