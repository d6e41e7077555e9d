import { TenantEvent } from '@derm/api/events';
import { EventActor } from '@derm/shared/contracts';

export class AlertSent extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly alertId: string,
    /** When it goes to the admins unless everyone acknowledged; none for role or clinic alerts. */
    readonly escalationDueAt: Date | null,
  ) {
    super(tenantId, actor);
  }
}
