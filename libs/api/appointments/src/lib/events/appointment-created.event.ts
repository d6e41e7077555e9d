import { TenantEvent } from '@derm/api/auth';
import { AppointmentSummary, EventActor } from '@derm/shared/contracts';

export class AppointmentCreated extends TenantEvent {
  constructor(tenantId: string, actor: EventActor, readonly appointment: AppointmentSummary) {
    super(tenantId, actor);
  }
}
