import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OnDomainEvent } from '@derm/api/events';
import { NotificationAcknowledged } from '@derm/api/notifications';
import { AlertEscalationService } from './alert-escalation.service';
import { AlertSent } from './events/alert-sent.event';

// setTimeout overflows past 2^31-1 ms; a longer wait is taken in several steps.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One timer per pending escalation: started when an alert is sent and, for those still pending,
 * at start-up (so a restart loses none); dropped once everyone acknowledged.
 */
@Injectable()
export class AlertEscalationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEscalation');
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly escalation: AlertEscalationService) {}

  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.escalation.pending();
    pending.forEach(({ tenantId, alertId, dueAt }) => this.schedule(tenantId, alertId, dueAt));
    if (pending.length > 0) this.logger.log(`${pending.length} alert escalation(s) pending`);
  }

  onApplicationShutdown(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  @OnDomainEvent(AlertSent)
  sent({ tenantId, alert, escalationDueAt }: AlertSent): void {
    if (escalationDueAt) this.schedule(tenantId, alert.id, escalationDueAt);
  }

  @OnDomainEvent(NotificationAcknowledged)
  async acknowledged({ tenantId, notificationId }: NotificationAcknowledged): Promise<void> {
    try {
      const settled = await this.escalation.settleIfAcknowledged(tenantId, notificationId);
      if (settled) this.cancel(settled);
    } catch (error) {
      this.logger.error('Could not settle an alert escalation', error instanceof Error ? error.stack : error);
    }
  }

  private schedule(tenantId: string, alertId: string, dueAt: Date): void {
    this.cancel(alertId);
    const delay = Math.min(Math.max(0, dueAt.getTime() - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(alertId);
      if (dueAt.getTime() > Date.now()) return this.schedule(tenantId, alertId, dueAt);
      this.escalation
        .escalateIfDue(tenantId, alertId)
        .then((escalated) => escalated && this.logger.warn(`Alert ${alertId} escalated to the clinic's admins`))
        .catch((error: unknown) =>
          this.logger.error(`Could not escalate alert ${alertId}`, error instanceof Error ? error.stack : error),
        );
    }, delay);
    timer.unref();
    this.timers.set(alertId, timer);
  }

  private cancel(alertId: string): void {
    clearTimeout(this.timers.get(alertId));
    this.timers.delete(alertId);
  }
}
