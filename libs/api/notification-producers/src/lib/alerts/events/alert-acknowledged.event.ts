import { TenantEvent } from '@derm/api/events';
import { AlertStatusData, EventActor } from '@derm/shared/contracts';

/** A recipient acknowledged an alert: its sender and the clinic's admins (`watcherIds`) follow. */
export class AlertAcknowledged extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly watcherIds: readonly string[],
    readonly status: AlertStatusData,
  ) {
    super(tenantId, actor);
  }
}
