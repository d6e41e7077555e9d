import { ConflictException, PreconditionFailedException } from '@nestjs/common';
import { AppointmentChangedError, AppointmentStateError, calendarDayIn } from '@derm/shared/contracts';
import { AppointmentEntity } from './appointment.entity';
import { toAppointmentSummary } from './appointment-summary';
import { clockTime } from './schedule-conflicts';

/** Whether `row` is still at one of the versions an `If-Match` named (none named: any version). */
export const isAtVersion = (row: AppointmentEntity, versions: number[] | undefined): boolean =>
  versions === undefined || versions.includes(row.version);

/** 412 with the appointment as it is now (`patient` and `provider` loaded), its time on the clinic's clock. */
export function appointmentChangedError(row: AppointmentEntity, timeZone: string): PreconditionFailedException {
  const when = `${calendarDayIn(row.startsAt, timeZone)} ${clockTime(row.startsAt, timeZone)}–${clockTime(row.endsAt, timeZone)}`;
  const body: AppointmentChangedError = {
    statusCode: 412,
    message: `The appointment changed meanwhile: it is now ${row.status}, ${when} with ${row.provider.name}. Look at it again and decide.`,
    appointment: toAppointmentSummary(row),
  };
  return new PreconditionFailedException(body);
}

/**
 * 409 for a write the appointment as it is now does not allow (its status, or its day), with the
 * appointment (`patient` and `provider` loaded): a tab that missed the change shows it.
 */
export function appointmentStateError(row: AppointmentEntity, message: string): ConflictException {
  const body: AppointmentStateError = { statusCode: 409, message, appointment: toAppointmentSummary(row) };
  return new ConflictException(body);
}
