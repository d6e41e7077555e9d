import { TenantEvent } from '@derm/api/events';
import { AlertEscalatedData } from '@derm/shared/contracts';

/** An alert went on to the clinic's admins, not acknowledged in time: its sender and the admins (`watcherIds`) follow. */
export class AlertEscalated extends TenantEvent {
  constructor(
    tenantId: string,
    readonly watcherIds: readonly string[],
    readonly escalation: AlertEscalatedData,
  ) {
    super(tenantId);
  }
}
