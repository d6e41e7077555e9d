import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, MAX_TIMER_MS } from '@derm/api/config';
import { OnDomainEvent } from '@derm/api/events';
import { NotificationAcknowledged } from '@derm/api/notifications';
import { AlertEscalationService } from './alert-escalation.service';
import { AlertSent } from './events/alert-sent.event';

const MAX_SWEEP_MS = 60_000;

/**
 * One timer per pending escalation: started when an alert is sent and, for those still pending,
 * at start-up (so a restart loses none) and at every sweep, twice per escalation period at least
 * (so with several nodes each one times every alert, and one that sent it stopping loses none);
 * dropped once everyone acknowledged. The database lets one node escalate it, once.
 */
@Injectable()
export class AlertEscalationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEscalation');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private sweeper?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly escalation: AlertEscalationService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.schedulePending();
    if (pending > 0) this.logger.log(`${pending} alert escalation(s) pending`);
    const sweepMs = Math.min(this.config.alertEscalationMs / 2, MAX_SWEEP_MS);
    this.sweeper = setInterval(() => {
      this.schedulePending().catch((error: unknown) =>
        this.logger.error('Could not read the pending alert escalations', error instanceof Error ? error.stack : error),
      );
    }, sweepMs);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  /** Times every pending escalation this node does not time yet; returns how many are pending. */
  private async schedulePending(): Promise<number> {
    const pending = await this.escalation.pending();
    // A sweep that was reading as the node shut down times nothing more.
    if (this.stopped) return pending.length;
    for (const { tenantId, alertId, dueAt } of pending) {
      if (!this.timers.has(alertId)) this.schedule(tenantId, alertId, dueAt);
    }
    return pending.length;
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
