import { TenantEvent } from '@derm/api/events';
import { EventActor } from '@derm/shared/contracts';

export class AppointmentNoShow extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly appointmentId: string,
    /** The appointment's version after the change. */
    readonly version: number,
    readonly patientId: string,
    readonly markedAt: Date,
  ) {
    super(tenantId, actor);
  }
}
