import { ConflictException } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In, LessThan, MoreThan, Not, Repository } from 'typeorm';
import {
  AppointmentConflict,
  AppointmentConflictError,
  AppointmentStatus,
  calendarDayIn,
} from '@derm/shared/contracts';
import { AppointmentEntity } from './appointment.entity';

/** A cancelled visit or a no-show frees its slot; every other status keeps it. */
const SLOT_FREED: AppointmentStatus[] = ['cancelled', 'no-show'];

export interface Slot {
  tenantId: string;
  patientId: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  /** The appointment being moved, which cannot conflict with itself. */
  exceptId?: string;
}

/**
 * On PostgreSQL, concurrent units of work would each see the other's slot as free: bookings of
 * one clinic take turns from the check to the commit. SQLite already runs one unit at a time.
 */
export async function lockSchedule(manager: EntityManager, tenantId: string): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`appointments:${tenantId}`]);
}

/** The first booking that overlaps `slot` for its provider or its patient (touching ends do not). */
export async function findConflict(
  appointments: Repository<AppointmentEntity>,
  slot: Slot,
): Promise<AppointmentEntity | null> {
  const overlapping: FindOptionsWhere<AppointmentEntity> = {
    tenantId: slot.tenantId,
    startsAt: LessThan(slot.endsAt),
    endsAt: MoreThan(slot.startsAt),
    status: Not(In(SLOT_FREED)),
    ...(slot.exceptId ? { id: Not(slot.exceptId) } : {}),
  };
  return appointments.findOne({
    where: [
      { ...overlapping, providerId: slot.providerId },
      { ...overlapping, patientId: slot.patientId },
    ],
    relations: { patient: true, provider: true },
    order: { startsAt: 'ASC' },
  });
}

/** 409 naming the booking in the way and whose schedule it is on, with times on the clinic's clock. */
export function conflictError(slot: Slot, existing: AppointmentEntity, timeZone: string): ConflictException {
  const conflict: AppointmentConflict = {
    appointmentId: existing.id,
    with: existing.providerId === slot.providerId ? 'provider' : 'patient',
    providerName: existing.provider.name,
    patientName: existing.patient.displayName,
    startsAt: existing.startsAt.toISOString(),
    endsAt: existing.endsAt.toISOString(),
  };
  const when = `on ${calendarDayIn(existing.startsAt, timeZone)} ${clockTime(existing.startsAt, timeZone)}–${clockTime(existing.endsAt, timeZone)}`;
  const message =
    conflict.with === 'provider'
      ? `${conflict.providerName} is already booked ${when} with ${conflict.patientName} (appointment ${existing.id})`
      : `${conflict.patientName} is already booked ${when} with ${conflict.providerName} (appointment ${existing.id})`;
  const body: AppointmentConflictError = { statusCode: 409, message, conflict };
  return new ConflictException(body);
}

/** `HH:MM` on the clinic's clock. */
export function clockTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(
    instant,
  );
}
