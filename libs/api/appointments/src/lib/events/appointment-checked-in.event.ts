import { TenantEvent } from '@derm/api/events';
import { EventActor } from '@derm/shared/contracts';

export class AppointmentCheckedIn extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly appointmentId: string,
    readonly patientId: string,
    readonly checkedInAt: Date,
  ) {
    super(tenantId, actor);
  }
}
