import { TenantEvent } from '@derm/api/events';
import { AppointmentSummary, EventActor } from '@derm/shared/contracts';

export class AppointmentCreated extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly appointment: AppointmentSummary,
  ) {
    super(tenantId, actor);
  }
}
