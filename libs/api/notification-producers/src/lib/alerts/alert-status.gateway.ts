import { OnDomainEvent } from '@derm/api/events';
import { audience, RealtimeGateway, TenantBroadcaster } from '@derm/api/realtime';
import { AlertEscalated } from './events/alert-escalated.event';
import { AlertSent } from './events/alert-sent.event';
import { AlertStatusChanged } from './events/alert-status-changed.event';

/**
 * `alert:sent`, `alert:status` and `alert:escalated` to the alert's sender and the clinic's
 * admins, nobody else: the Alerts page's list and the alert's status page follow them live.
 */
@RealtimeGateway()
export class AlertStatusGateway {
  constructor(private readonly broadcaster: TenantBroadcaster) {}

  @OnDomainEvent(AlertSent)
  sent({ tenantId, watcherIds, alert, actor, occurredAt }: AlertSent): void {
    this.broadcaster.publish(audience.users(tenantId, watcherIds), 'alert:sent', { alert }, { actor, occurredAt });
  }

  @OnDomainEvent(AlertStatusChanged)
  changed({ tenantId, watcherIds, status, ...meta }: AlertStatusChanged): void {
    this.broadcaster.publish(audience.users(tenantId, watcherIds), 'alert:status', status, meta);
  }

  @OnDomainEvent(AlertEscalated)
  escalated({ tenantId, watcherIds, escalation, ...meta }: AlertEscalated): void {
    this.broadcaster.publish(audience.users(tenantId, watcherIds), 'alert:escalated', escalation, meta);
  }
}
