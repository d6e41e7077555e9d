import { OnDomainEvent } from '@derm/api/events';
import { audience, RealtimeGateway, TenantBroadcaster } from '@derm/api/realtime';
import { AlertStatusChanged } from './events/alert-status-changed.event';

/** `alert:status` to the alert's sender and the clinic's admins: the status page follows it live. */
@RealtimeGateway()
export class AlertStatusGateway {
  constructor(private readonly broadcaster: TenantBroadcaster) {}

  @OnDomainEvent(AlertStatusChanged)
  changed({ tenantId, watcherIds, status, ...meta }: AlertStatusChanged): void {
    this.broadcaster.publish(audience.users(tenantId, watcherIds), 'alert:status', status, meta);
  }
}
