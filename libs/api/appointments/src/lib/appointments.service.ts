import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, In, MoreThanOrEqual, Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, TenantDirectory, toActor } from '@derm/api/auth';
import {
  IdempotentWrites,
  KeysetOrder,
  keysetFind,
  keysetPage,
  Page,
  PageRequest,
  Transactions,
} from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { PatientsService } from '@derm/api/patients';
import {
  APPOINTMENT_MAX_HOURS,
  AppointmentStatus,
  AppointmentSummary,
  calendarDayIn,
  dayBoundsIn,
} from '@derm/shared/contracts';
import { appointmentChangedError, appointmentStateError, isAtVersion } from './appointment-changed';
import { AppointmentEntity } from './appointment.entity';
import { toAppointmentSummary } from './appointment-summary';
import { Clock } from './clock';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';
import { AppointmentCancelled } from './events/appointment-cancelled.event';
import { AppointmentCheckedIn } from './events/appointment-checked-in.event';
import { AppointmentCompleted } from './events/appointment-completed.event';
import { AppointmentCreated } from './events/appointment-created.event';
import { AppointmentNoShow } from './events/appointment-no-show.event';
import { AppointmentUpdated } from './events/appointment-updated.event';
import { conflictError, findConflict, lockSchedule, Slot } from './schedule-conflicts';

const WITH_NAMES = { patient: true, provider: true } as const;
const BY_START: KeysetOrder<AppointmentEntity> = { key: 'startsAt', direction: 'ASC', kind: 'date' };
/** What can no longer be moved, re-typed or cancelled: the visit is over one way or another. */
const CLOSED: AppointmentStatus[] = ['cancelled', 'completed', 'no-show'];
const MAX_LENGTH_MS = APPOINTMENT_MAX_HOURS * 3_600_000;
/** A field's value to compare for a change: a time to the millisecond, which `String(date)` leaves out. */
const comparable = (value: string | Date): string | number => (value instanceof Date ? value.getTime() : value);

/** What a rule may have decided on besides the status: where, when and what the visit is. */
type ScheduledAs = 'providerId' | 'type' | 'startsAt' | 'endsAt';

/** A booking write a client may send again, with the idempotency key it made for the person's action. */
type AppointmentWrite = 'create' | 'update' | 'cancel' | 'check-in' | 'complete' | 'no-show';

/**
 * The schedule: persists every change, then announces it as a domain event. Every write takes
 * the client's idempotency key (optional): a retry of a write that went through answers the first
 * appointment, with no second change or event, before any booking rule could refuse it (nor its
 * `If-Match` be refused for the version the first attempt added).
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly patients: PatientsService,
    private readonly staff: StaffDirectory,
    private readonly tenants: TenantDirectory,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  private get appointments(): Repository<AppointmentEntity> {
    return this.transactions.repository(AppointmentEntity);
  }

  /** Another clinic's appointment is indistinguishable from one that does not exist (404). */
  async get(user: AuthenticatedUser, id: string): Promise<AppointmentSummary> {
    return toAppointmentSummary(await this.load(user.tenantId, id));
  }

  /** `date` is a day of the clinic's calendar, in its time zone (validated by `ListAppointmentsQuery`). */
  async listForDay(user: AuthenticatedUser, date: string, page: PageRequest): Promise<Page<AppointmentSummary>> {
    const { start, end } = dayBoundsIn(date, await this.tenants.timeZoneOf(user.tenantId));
    const day = { tenantId: user.tenantId, startsAt: Between(start, new Date(end.getTime() - 1)) };
    const rows = await this.appointments.find({ ...keysetFind(day, BY_START, page), relations: WITH_NAMES });
    return keysetPage(rows, BY_START, page, toAppointmentSummary);
  }

  /**
   * One patient's visits from the start of the clinic's today, earliest first, whatever their status.
   * Another clinic's patient is indistinguishable from one that does not exist (404).
   */
  async listForPatient(
    user: AuthenticatedUser,
    patientId: string,
    page: PageRequest,
  ): Promise<Page<AppointmentSummary>> {
    await this.patients.get(user.tenantId, patientId);
    const timeZone = await this.tenants.timeZoneOf(user.tenantId);
    const { start } = dayBoundsIn(calendarDayIn(this.clock.now(), timeZone), timeZone);
    const visits = { tenantId: user.tenantId, patientId, startsAt: MoreThanOrEqual(start) };
    const rows = await this.appointments.find({ ...keysetFind(visits, BY_START, page), relations: WITH_NAMES });
    return keysetPage(rows, BY_START, page, toAppointmentSummary);
  }

  /**
   * Refused: an end not after the start or more than `APPOINTMENT_MAX_HOURS` after it (400), a start
   * in the past unless `confirmPast` (422), an overlap for the provider or patient (409).
   */
  create(user: AuthenticatedUser, dto: CreateAppointmentDto, key?: string): Promise<AppointmentSummary> {
    return this.once(user, 'create', key, { ...dto }, () => this.createNow(user, dto));
  }

  private createNow(user: AuthenticatedUser, dto: CreateAppointmentDto): Promise<AppointmentSummary> {
    return this.transactions.run(async (manager) => {
      await this.patients.get(user.tenantId, dto.patientId);
      await this.staff.activeProvider(user.tenantId, dto.providerId);
      const { startsAt, endsAt } = this.checkedTimes(dto.startsAt, dto.endsAt);
      this.requireFutureOrConfirmed(startsAt, dto.confirmPast);
      await lockSchedule(manager, user.tenantId);
      await this.requireFree({
        tenantId: user.tenantId,
        patientId: dto.patientId,
        providerId: dto.providerId,
        startsAt,
        endsAt,
      });
      const id = randomUUID();
      await this.appointments.insert({
        id,
        tenantId: user.tenantId,
        patientId: dto.patientId,
        providerId: dto.providerId,
        startsAt,
        endsAt,
        type: dto.type ?? 'consultation',
        status: 'scheduled',
      });
      const appointment = toAppointmentSummary(await this.load(user.tenantId, id));
      this.events.publish(new AppointmentCreated(user.tenantId, toActor(user), appointment));
      return appointment;
    });
  }

  /**
   * A reschedule or a change of provider or type; a move follows the booking rules (an active
   * provider, no overlap), and only a scheduled visit moves (a checked-in one may still change type).
   * `versions` (from `If-Match`): refused with 412 unless the appointment is still at one of them.
   */
  update(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateAppointmentDto,
    key?: string,
    versions?: number[],
  ): Promise<AppointmentSummary> {
    return this.once(user, 'update', key, { id, ...dto, ifMatch: versions }, () =>
      this.updateNow(user, id, dto, versions),
    );
  }

  private updateNow(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateAppointmentDto,
    versions: number[] | undefined,
  ): Promise<AppointmentSummary> {
    return this.transactions.run(async (manager) => {
      const row = await this.loadAtVersion(user.tenantId, id, versions);
      if (CLOSED.includes(row.status)) throw appointmentStateError(row, `A ${row.status} appointment cannot change`);
      // A change of type or provider alone keeps the times as booked, even from before a rule on them.
      const { startsAt, endsAt } =
        dto.startsAt || dto.endsAt
          ? this.checkedTimes(dto.startsAt ?? row.startsAt.toISOString(), dto.endsAt ?? row.endsAt.toISOString())
          : row;
      const next = { providerId: dto.providerId ?? row.providerId, type: dto.type ?? row.type, startsAt, endsAt };
      const changes = (Object.keys(next) as (keyof typeof next)[]).filter(
        (field) => comparable(next[field]) !== comparable(row[field]),
      );
      if (changes.length === 0) return toAppointmentSummary(row);
      const moves = changes.some((field) => field !== 'type');
      // Once the patient has arrived, the visit is where it is: a move would leave it checked in on another day.
      if (moves && row.status !== 'scheduled') {
        throw appointmentStateError(
          row,
          `A ${row.status} appointment keeps its time and provider; only a scheduled one can be moved`,
        );
      }
      if (changes.includes('startsAt')) this.requireFutureOrConfirmed(startsAt, dto.confirmPast);
      if (moves) {
        // A new time is a new commitment of the provider's, whether or not the provider changes.
        await this.staff.activeProvider(user.tenantId, next.providerId);
        await lockSchedule(manager, user.tenantId);
        await this.requireFree({ ...next, tenantId: user.tenantId, patientId: row.patientId, exceptId: id });
      }
      await this.updateIfStill(row, next, ['providerId', 'type', 'startsAt', 'endsAt'], versions);
      const appointment = toAppointmentSummary(await this.load(user.tenantId, id));
      this.events.publish(new AppointmentUpdated(user.tenantId, toActor(user), appointment, changes));
      return appointment;
    });
  }

  /** `versions` (from `If-Match`): refused with 412 unless the appointment is still at one of them. */
  cancel(
    user: AuthenticatedUser,
    id: string,
    reason?: string,
    key?: string,
    versions?: number[],
  ): Promise<AppointmentSummary> {
    return this.once(user, 'cancel', key, { id, reason, ifMatch: versions }, async () => {
      const row = await this.loadAtVersion(user.tenantId, id, versions);
      if (CLOSED.includes(row.status))
        throw appointmentStateError(row, `A ${row.status} appointment cannot be cancelled`);
      await this.updateIfStill(row, { status: 'cancelled', cancelReason: reason ?? null }, [], versions);
      const cancelled = await this.load(user.tenantId, id);
      this.events.publish(new AppointmentCancelled(user.tenantId, toActor(user), id, cancelled.version, reason));
      return toAppointmentSummary(cancelled);
    });
  }

  checkIn(user: AuthenticatedUser, id: string, key?: string): Promise<AppointmentSummary> {
    return this.once(user, 'check-in', key, { id }, async () => {
      const row = await this.load(user.tenantId, id);
      if (row.status !== 'scheduled')
        throw appointmentStateError(row, `A ${row.status} appointment cannot be checked in`);
      const checkedInAt = this.clock.now();
      const timeZone = await this.tenants.timeZoneOf(user.tenantId);
      const day = calendarDayIn(row.startsAt, timeZone);
      const today = calendarDayIn(checkedInAt, timeZone);
      if (day !== today) {
        throw appointmentStateError(
          row,
          `The appointment is on ${day}; it can be checked in on that day only (today is ${today})`,
        );
      }
      await this.updateIfStill(row, { status: 'checked-in', checkedInAt }, ['startsAt']);
      const checkedIn = await this.load(user.tenantId, id);
      this.events.publish(
        new AppointmentCheckedIn(user.tenantId, toActor(user), id, checkedIn.version, row.patientId, checkedInAt),
      );
      return toAppointmentSummary(checkedIn);
    });
  }

  /** The visit took place: only a checked-in appointment can be completed. */
  complete(user: AuthenticatedUser, id: string, key?: string): Promise<AppointmentSummary> {
    return this.once(user, 'complete', key, { id }, async () => {
      const row = await this.load(user.tenantId, id);
      if (row.status !== 'checked-in')
        throw appointmentStateError(row, `A ${row.status} appointment cannot be completed`);
      const completedAt = this.clock.now();
      await this.updateIfStill(row, { status: 'completed' });
      const completed = await this.load(user.tenantId, id);
      this.events.publish(new AppointmentCompleted(user.tenantId, toActor(user), id, completed.version, completedAt));
      return toAppointmentSummary(completed);
    });
  }

  /** The patient never came: a scheduled appointment, once its start has passed. */
  markNoShow(user: AuthenticatedUser, id: string, key?: string): Promise<AppointmentSummary> {
    return this.once(user, 'no-show', key, { id }, async () => {
      const row = await this.load(user.tenantId, id);
      if (row.status !== 'scheduled')
        throw appointmentStateError(row, `A ${row.status} appointment cannot be marked a no-show`);
      const markedAt = this.clock.now();
      if (markedAt < row.startsAt) throw appointmentStateError(row, 'The appointment has not started yet');
      await this.updateIfStill(row, { status: 'no-show' }, ['startsAt']);
      const missed = await this.load(user.tenantId, id);
      this.events.publish(
        new AppointmentNoShow(user.tenantId, toActor(user), id, missed.version, row.patientId, markedAt),
      );
      return toAppointmentSummary(missed);
    });
  }

  /**
   * One unit of work with the key claimed first: a retry finds the first answer before the rules
   * run, so a booking is never refused as overlapping itself, nor a cancellation as already done.
   */
  private once(
    user: AuthenticatedUser,
    write: AppointmentWrite,
    key: string | undefined,
    request: object,
    work: () => Promise<AppointmentSummary>,
  ): Promise<AppointmentSummary> {
    const { tenantId, userId } = user;
    return this.idempotent.run({ tenantId, userId, scope: `appointment:${write}`, key, request }, work);
  }

  /**
   * Writes only if the row still has the status `row` was read with, and the `decidedOn` fields
   * the rule read. Two people acting at once on PostgreSQL each read the old row; the second
   * update waits for the first to commit, then matches nothing: 409, rather than a second
   * cancellation announced, a check-in of a visit just moved to another day, or a move undone.
   * With `versions` (from `If-Match`) the same statement also requires one of them, and the
   * version column goes up in it: of two writes naming the same version, the second is a 412.
   */
  private async updateIfStill(
    row: AppointmentEntity,
    changes: Partial<Omit<AppointmentEntity, 'patient' | 'provider' | 'version'>>,
    decidedOn: ScheduledAs[] = [],
    versions?: number[],
  ): Promise<void> {
    const asRead = Object.fromEntries(decidedOn.map((field) => [field, row[field]]));
    const atVersion = versions ? { version: In(versions) } : {};
    const { affected } = await this.appointments.update(
      { id: row.id, tenantId: row.tenantId, status: row.status, ...asRead, ...atVersion },
      changes,
    );
    if (affected) return;
    if (versions) await this.loadAtVersion(row.tenantId, row.id, versions);
    throw new ConflictException('The appointment changed meanwhile: reload it and try again');
  }

  /** `load`, refused with 412 and the appointment as it is now if it is at none of `versions`. */
  private async loadAtVersion(
    tenantId: string,
    id: string,
    versions: number[] | undefined,
  ): Promise<AppointmentEntity> {
    const row = await this.load(tenantId, id);
    if (!isAtVersion(row, versions)) throw appointmentChangedError(row, await this.tenants.timeZoneOf(tenantId));
    return row;
  }

  private async load(tenantId: string, id: string): Promise<AppointmentEntity> {
    const row = await this.appointments.findOne({ where: { tenantId, id }, relations: WITH_NAMES });
    if (!row) throw new NotFoundException(`Appointment ${id} not found`);
    return row;
  }

  private requireFutureOrConfirmed(startsAt: Date, confirmPast: boolean | undefined): void {
    if (startsAt < this.clock.now() && !confirmPast) {
      throw new UnprocessableEntityException('startsAt is in the past; send confirmPast: true to book it anyway');
    }
  }

  private async requireFree(slot: Slot): Promise<void> {
    const existing = await findConflict(this.appointments, slot);
    if (existing) throw conflictError(slot, existing, await this.tenants.timeZoneOf(slot.tenantId));
  }

  private checkedTimes(startsAtIso: string, endsAtIso: string): { startsAt: Date; endsAt: Date } {
    const startsAt = new Date(startsAtIso);
    const endsAt = new Date(endsAtIso);
    if (endsAt <= startsAt) throw new BadRequestException('endsAt must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > MAX_LENGTH_MS) {
      throw new BadRequestException(
        `An appointment can last at most ${APPOINTMENT_MAX_HOURS} hours: check its start and end times`,
      );
    }
    return { startsAt, endsAt };
  }
}
