import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, TenantDirectory, toActor } from '@derm/api/auth';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest, Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { PatientsService } from '@derm/api/patients';
import { AppointmentSummary, dayBoundsIn } from '@derm/shared/contracts';
import { AppointmentEntity } from './appointment.entity';
import { toAppointmentSummary } from './appointment-summary';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';
import { AppointmentCancelled } from './events/appointment-cancelled.event';
import { AppointmentCheckedIn } from './events/appointment-checked-in.event';
import { AppointmentCreated } from './events/appointment-created.event';
import { AppointmentUpdated } from './events/appointment-updated.event';

const WITH_NAMES = { patient: true, provider: true } as const;
const BY_START: KeysetOrder<AppointmentEntity> = { key: 'startsAt', direction: 'ASC', kind: 'date' };

/** The schedule: persists every change, then announces it as a domain event. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly patients: PatientsService,
    private readonly staff: StaffDirectory,
    private readonly tenants: TenantDirectory,
    private readonly events: DomainEvents,
  ) {}

  private get appointments(): Repository<AppointmentEntity> {
    return this.transactions.repository(AppointmentEntity);
  }

  /** `date` is a day of the clinic's calendar, in its time zone. */
  async listForDay(user: AuthenticatedUser, date: string, page: PageRequest): Promise<Page<AppointmentSummary>> {
    if (Number.isNaN(new Date(`${date}T00:00:00.000Z`).getTime())) throw new BadRequestException('date must be a valid day');
    const { start, end } = dayBoundsIn(date, await this.tenants.timeZoneOf(user.tenantId));
    const day = { tenantId: user.tenantId, startsAt: Between(start, new Date(end.getTime() - 1)) };
    const rows = await this.appointments.find({ ...keysetFind(day, BY_START, page), relations: WITH_NAMES });
    return keysetPage(rows, BY_START, page, toAppointmentSummary);
  }

  create(user: AuthenticatedUser, dto: CreateAppointmentDto): Promise<AppointmentSummary> {
    return this.transactions.run(async () => {
      await this.patients.get(user.tenantId, dto.patientId);
      await this.requireProvider(user.tenantId, dto.providerId);
      const { startsAt, endsAt } = this.checkedTimes(dto.startsAt, dto.endsAt);
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

  update(user: AuthenticatedUser, id: string, dto: UpdateAppointmentDto): Promise<AppointmentSummary> {
    return this.transactions.run(async () => {
      const row = await this.load(user.tenantId, id);
      if (row.status === 'cancelled') throw new ConflictException('A cancelled appointment cannot change');
      if (dto.providerId && dto.providerId !== row.providerId) {
        await this.requireProvider(user.tenantId, dto.providerId);
      }
      const { startsAt, endsAt } = this.checkedTimes(
        dto.startsAt ?? row.startsAt.toISOString(),
        dto.endsAt ?? row.endsAt.toISOString(),
      );
      const next = { providerId: dto.providerId ?? row.providerId, type: dto.type ?? row.type, startsAt, endsAt };
      const changes = (Object.keys(next) as (keyof typeof next)[]).filter(
        (field) => String(next[field]) !== String(row[field]),
      );
      if (changes.length === 0) return toAppointmentSummary(row);
      await this.appointments.update({ id, tenantId: user.tenantId }, next);
      const appointment = toAppointmentSummary(await this.load(user.tenantId, id));
      this.events.publish(new AppointmentUpdated(user.tenantId, toActor(user), appointment, changes));
      return appointment;
    });
  }

  cancel(user: AuthenticatedUser, id: string, reason?: string): Promise<AppointmentSummary> {
    return this.transactions.run(async () => {
      const row = await this.load(user.tenantId, id);
      if (row.status === 'cancelled') throw new ConflictException('The appointment is already cancelled');
      if (row.status === 'completed') throw new ConflictException('A completed appointment cannot be cancelled');
      await this.appointments.update({ id, tenantId: user.tenantId }, { status: 'cancelled', cancelReason: reason ?? null });
      this.events.publish(new AppointmentCancelled(user.tenantId, toActor(user), id, reason));
      return toAppointmentSummary(await this.load(user.tenantId, id));
    });
  }

  checkIn(user: AuthenticatedUser, id: string): Promise<AppointmentSummary> {
    return this.transactions.run(async () => {
      const row = await this.load(user.tenantId, id);
      if (row.status !== 'scheduled') throw new ConflictException(`A ${row.status} appointment cannot be checked in`);
      const checkedInAt = new Date();
      await this.appointments.update({ id, tenantId: user.tenantId }, { status: 'checked-in', checkedInAt });
      this.events.publish(new AppointmentCheckedIn(user.tenantId, toActor(user), id, row.patientId, checkedInAt));
      return toAppointmentSummary(await this.load(user.tenantId, id));
    });
  }

  private async load(tenantId: string, id: string): Promise<AppointmentEntity> {
    const row = await this.appointments.findOne({ where: { tenantId, id }, relations: WITH_NAMES });
    if (!row) throw new NotFoundException(`Appointment ${id} not found`);
    return row;
  }

  private async requireProvider(tenantId: string, providerId: string): Promise<void> {
    const member = await this.staff.findOne(tenantId, providerId);
    if (!member) throw new NotFoundException(`Provider ${providerId} not found`);
    if (member.role !== 'provider') throw new BadRequestException(`${member.name} is not a provider`);
  }

  private checkedTimes(startsAtIso: string, endsAtIso: string): { startsAt: Date; endsAt: Date } {
    const startsAt = new Date(startsAtIso);
    const endsAt = new Date(endsAtIso);
    if (endsAt <= startsAt) throw new BadRequestException('endsAt must be after startsAt');
    return { startsAt, endsAt };
  }
}
