import { TenantEvent } from '@derm/api/events';
import { AlertSummary, EventActor } from '@derm/shared/contracts';

/** An alert was sent: its sender and the clinic's admins (`watcherIds`) list it from now on. */
export class AlertSent extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly alert: AlertSummary,
    readonly watcherIds: readonly string[],
    /** When it goes to the admins unless everyone acknowledged; none for role or clinic alerts. */
    readonly escalationDueAt: Date | null,
  ) {
    super(tenantId, actor);
  }
}
