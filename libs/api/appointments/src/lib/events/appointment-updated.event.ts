import { TenantEvent } from '@derm/api/events';
import { AppointmentSummary, EventActor } from '@derm/shared/contracts';

export class AppointmentUpdated extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly appointment: AppointmentSummary,
    readonly changes: string[],
  ) {
    super(tenantId, actor);
  }
}
