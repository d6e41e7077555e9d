import { TenantEvent } from '@derm/api/events';
import { AlertStatusData, EventActor } from '@derm/shared/contracts';

/** A recipient's copy of an alert was delivered or acknowledged: its sender and the clinic's admins (`watcherIds`) follow. */
export class AlertStatusChanged extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly watcherIds: readonly string[],
    readonly status: AlertStatusData,
  ) {
    super(tenantId, actor);
  }
}
