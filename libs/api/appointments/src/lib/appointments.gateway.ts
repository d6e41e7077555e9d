import { OnDomainEvent } from '@derm/api/events';
import { audience, RealtimeGateway, TenantBroadcaster } from '@derm/api/realtime';
import { AppointmentCancelled } from './events/appointment-cancelled.event';
import { AppointmentCheckedIn } from './events/appointment-checked-in.event';
import { AppointmentCompleted } from './events/appointment-completed.event';
import { AppointmentCreated } from './events/appointment-created.event';
import { AppointmentNoShow } from './events/appointment-no-show.event';
import { AppointmentUpdated } from './events/appointment-updated.event';

/** The whole clinic sees the schedule change: every appointment event goes to the tenant room. */
@RealtimeGateway()
export class AppointmentsGateway {
  constructor(private readonly broadcaster: TenantBroadcaster) {}

  @OnDomainEvent(AppointmentCreated)
  created({ tenantId, appointment, ...meta }: AppointmentCreated): void {
    this.broadcaster.publish(audience.tenant(tenantId), 'appointment:created', { appointment }, meta);
  }

  @OnDomainEvent(AppointmentUpdated)
  updated({ tenantId, appointment, changes, ...meta }: AppointmentUpdated): void {
    this.broadcaster.publish(audience.tenant(tenantId), 'appointment:updated', { appointment, changes }, meta);
  }

  @OnDomainEvent(AppointmentCancelled)
  cancelled({ tenantId, appointmentId, reason, ...meta }: AppointmentCancelled): void {
    const data = reason ? { appointmentId, reason } : { appointmentId };
    this.broadcaster.publish(audience.tenant(tenantId), 'appointment:cancelled', data, meta);
  }

  @OnDomainEvent(AppointmentCheckedIn)
  checkedIn({ tenantId, appointmentId, patientId, checkedInAt, ...meta }: AppointmentCheckedIn): void {
    this.broadcaster.publish(
      audience.tenant(tenantId),
      'appointment:checked-in',
      { appointmentId, patientId, checkedInAt: checkedInAt.toISOString() },
      meta,
    );
  }

  @OnDomainEvent(AppointmentCompleted)
  completed({ tenantId, appointmentId, completedAt, ...meta }: AppointmentCompleted): void {
    this.broadcaster.publish(
      audience.tenant(tenantId),
      'appointment:completed',
      { appointmentId, completedAt: completedAt.toISOString() },
      meta,
    );
  }

  @OnDomainEvent(AppointmentNoShow)
  noShow({ tenantId, appointmentId, patientId, markedAt, ...meta }: AppointmentNoShow): void {
    this.broadcaster.publish(
      audience.tenant(tenantId),
      'appointment:no-show',
      { appointmentId, patientId, markedAt: markedAt.toISOString() },
      meta,
    );
  }
}
