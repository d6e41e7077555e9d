import { TenantEvent } from '@derm/api/events';
import { EventActor } from '@derm/shared/contracts';

export class AppointmentCheckedIn extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly appointmentId: string,
    /** The appointment's version after the change. */
    readonly version: number,
    readonly patientId: string,
    readonly checkedInAt: Date,
  ) {
    super(tenantId, actor);
  }
}
