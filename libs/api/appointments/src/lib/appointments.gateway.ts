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
  cancelled({ tenantId, appointmentId, version, reason, ...meta }: AppointmentCancelled): void {
    const data = reason ? { appointmentId, version, reason } : { appointmentId, version };
    this.broadcaster.publish(audience.tenant(tenantId), 'appointment:cancelled', data, meta);
  }

  @OnDomainEvent(AppointmentCheckedIn)
  checkedIn({ tenantId, appointmentId, version, patientId, checkedInAt, ...meta }: AppointmentCheckedIn): void {
    this.broadcaster.publish(
      audience.tenant(tenantId),
      'appointment:checked-in',
      { appointmentId, version, patientId, checkedInAt: checkedInAt.toISOString() },
      meta,
    );
  }

  @OnDomainEvent(AppointmentCompleted)
  completed({ tenantId, appointmentId, version, completedAt, ...meta }: AppointmentCompleted): void {
    this.broadcaster.publish(
      audience.tenant(tenantId),
      'appointment:completed',
      { appointmentId, version, completedAt: completedAt.toISOString() },
      meta,
    );
  }

  @OnDomainEvent(AppointmentNoShow)
  noShow({ tenantId, appointmentId, version, patientId, markedAt, ...meta }: AppointmentNoShow): void {
    this.broadcaster.publish(
      audience.tenant(tenantId),
      'appointment:no-show',
      { appointmentId, version, patientId, markedAt: markedAt.toISOString() },
      meta,
    );
  }
}
