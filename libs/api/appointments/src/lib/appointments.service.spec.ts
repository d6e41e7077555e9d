import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  IdempotencyKeyEntity,
  IdempotencyKeyReusedException,
  IdempotentWrites,
  Transactions,
} from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { Test } from '@nestjs/testing';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, StaffMemberEntity, TenantDirectory, TenantEntity } from '@derm/api/auth';
import { PatientEntity, PatientsService } from '@derm/api/patients';
import { AppointmentEntity } from './appointment.entity';
import { AppointmentsService } from './appointments.service';
import { Clock } from './clock';
import { AppointmentCheckedIn } from './events/appointment-checked-in.event';
import { AppointmentCreated } from './events/appointment-created.event';
import { AppointmentUpdated } from './events/appointment-updated.event';

const PAGE = { size: 50 };
/** The tests' "now": the morning of the day they book (the unknown test clinic keeps UTC). */
const NOW = new Date('2026-05-04T08:00:00.000Z');

const ids = {
  tenant: '11111111-1111-4111-8111-111111111111',
  otherTenant: '22222222-2222-4222-8222-222222222222',
  provider: '33333333-3333-4333-8333-333333333333',
  nurse: '44444444-4444-4444-8444-444444444444',
  patient: '55555555-5555-4555-8555-555555555555',
  otherPatient: '66666666-6666-4666-8666-666666666666',
  otherProvider: '77777777-7777-4777-8777-777777777777',
};
const desk: AuthenticatedUser = { userId: ids.nurse, tenantId: ids.tenant, role: 'nurse', name: 'Nora' };
const stranger: AuthenticatedUser = { ...desk, tenantId: ids.otherTenant };

describe('AppointmentsService', () => {
  let service: AppointmentsService;
  let emitted: { name: string; event: unknown }[];
  let now: Date;
  let staffRows: Repository<StaffMemberEntity>;

  beforeEach(async () => {
    emitted = [];
    now = NOW;
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: ':memory:',
          synchronize: true,
          autoLoadEntities: true,
        }),
        TypeOrmModule.forFeature([
          AppointmentEntity,
          PatientEntity,
          StaffMemberEntity,
          TenantEntity,
          IdempotencyKeyEntity,
        ]),
      ],
      providers: [
        AppointmentsService,
        PatientsService,
        StaffDirectory,
        DomainEvents,
        TenantDirectory,
        Transactions,
        IdempotentWrites,
        { provide: EventEmitter2, useValue: { emit: (name: string, event: unknown) => emitted.push({ name, event }) } },
        { provide: Clock, useValue: { now: () => now } },
      ],
    }).compile();
    service = moduleRef.get(AppointmentsService);
    staffRows = moduleRef.get<Repository<StaffMemberEntity>>(getRepositoryToken(StaffMemberEntity));
    await staffRows.insert([
      { id: ids.provider, tenantId: ids.tenant, email: 'p@x.test', name: 'Dr. P', role: 'provider', passwordHash: '-' },
      { id: ids.nurse, tenantId: ids.tenant, email: 'n@x.test', name: 'Nora', role: 'nurse', passwordHash: '-' },
      {
        id: ids.otherProvider,
        tenantId: ids.tenant,
        email: 'q@x.test',
        name: 'Dr. Q',
        role: 'provider',
        passwordHash: '-',
      },
    ]);
    await moduleRef.get<Repository<PatientEntity>>(getRepositoryToken(PatientEntity)).insert([
      { id: ids.patient, tenantId: ids.tenant, displayName: 'Jordan Blake', dateOfBirth: '1984-03-12', mrn: 'R-1' },
      { id: ids.otherPatient, tenantId: ids.tenant, displayName: 'Priya N', dateOfBirth: '1991-07-02', mrn: 'R-2' },
    ]);
  });

  const create = (
    user = desk,
    startsAt = '2026-05-04T09:00:00.000Z',
    more: { patientId?: string; providerId?: string; confirmPast?: boolean } = {},
  ) =>
    service.create(user, {
      patientId: ids.patient,
      providerId: ids.provider,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 1800_000).toISOString(),
      ...more,
    });

  it('persists, then emits AppointmentCreated with the summary and the actor', async () => {
    const appointment = await create();
    expect(appointment).toMatchObject({
      patientName: 'Jordan Blake',
      providerName: 'Dr. P',
      status: 'scheduled',
      type: 'consultation',
    });
    expect(emitted).toEqual([{ name: AppointmentCreated.name, event: expect.any(AppointmentCreated) }]);
    const event = emitted[0].event as AppointmentCreated;
    expect(event).toMatchObject({ tenantId: ids.tenant, actor: { id: ids.nurse, name: 'Nora' }, appointment });
    expect((await service.listForDay(desk, '2026-05-04', PAGE)).items).toEqual([appointment]);
    expect((await service.listForDay(desk, '2026-05-05', PAGE)).items).toEqual([]);
  });

  it('refuses a patient or provider of another clinic as not found, emitting nothing', async () => {
    await expect(create(stranger)).rejects.toBeInstanceOf(NotFoundException);
    expect(emitted).toEqual([]);
  });

  it('hides appointments from another clinic', async () => {
    const appointment = await create();
    await expect(service.checkIn(stranger, appointment.id)).rejects.toBeInstanceOf(NotFoundException);
    expect((await service.listForDay(stranger, '2026-05-04', PAGE)).items).toEqual([]);
  });

  it("lists one patient's visits from the start of the clinic's today, earliest first, whatever their status", async () => {
    const earlierToday = await create(desk, '2026-05-04T07:00:00.000Z', { confirmPast: true });
    const nextWeek = await create(desk, '2026-05-11T09:00:00.000Z');
    const later = await create(desk, '2026-05-04T15:00:00.000Z');
    await service.cancel(desk, later.id);
    await create(desk, '2026-05-03T09:00:00.000Z', { confirmPast: true });
    await create(desk, '2026-05-05T09:00:00.000Z', { patientId: ids.otherPatient });
    const visits = (await service.listForPatient(desk, ids.patient, PAGE)).items;
    expect(visits.map((visit) => [visit.id, visit.status])).toEqual([
      [earlierToday.id, 'scheduled'],
      [later.id, 'cancelled'],
      [nextWeek.id, 'scheduled'],
    ]);
    const firstPage = await service.listForPatient(desk, ids.patient, { size: 2 });
    const secondPage = await service.listForPatient(desk, ids.patient, { size: 2, cursor: firstPage.nextCursor });
    expect([...firstPage.items, ...secondPage.items].map((visit) => visit.id)).toEqual(visits.map((visit) => visit.id));
  });

  it("refuses another clinic's patient as not found", async () => {
    await create();
    await expect(service.listForPatient(stranger, ids.patient, PAGE)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('checks in once and refuses a second check-in', async () => {
    const appointment = await create();
    const checkedIn = await service.checkIn(desk, appointment.id);
    expect(checkedIn.status).toBe('checked-in');
    expect(emitted.at(-1)?.event).toMatchObject({ appointmentId: appointment.id, patientId: ids.patient });
    expect(emitted.at(-1)?.name).toBe(AppointmentCheckedIn.name);
    await expect(service.checkIn(desk, appointment.id)).rejects.toBeInstanceOf(ConflictException);
  });

  it('reports exactly the fields an update changed, and nothing when nothing changed', async () => {
    const appointment = await create();
    await service.update(desk, appointment.id, { type: 'procedure', startsAt: appointment.startsAt });
    expect(emitted.at(-1)).toEqual({
      name: AppointmentUpdated.name,
      event: expect.objectContaining({ changes: ['type'] }),
    });
    const count = emitted.length;
    await service.update(desk, appointment.id, { type: 'procedure' });
    expect(emitted).toHaveLength(count);
  });

  it('moves a scheduled visit only: a checked-in one keeps its time and provider, and may change type', async () => {
    const appointment = await create();
    await service.checkIn(desk, appointment.id);
    const count = emitted.length;
    for (const move of [
      { startsAt: '2026-05-05T09:00:00.000Z', endsAt: '2026-05-05T09:30:00.000Z' },
      { endsAt: '2026-05-04T09:45:00.000Z' },
      { providerId: ids.otherProvider },
    ]) {
      await expect(service.update(desk, appointment.id, move)).rejects.toThrow(
        'A checked-in appointment keeps its time and provider; only a scheduled one can be moved',
      );
    }
    expect(emitted).toHaveLength(count);
    expect((await service.update(desk, appointment.id, { type: 'procedure' })).type).toBe('procedure');
  });

  it('moves a visit only while its provider is active: one who left keeps the time, and the type may change', async () => {
    const appointment = await create();
    await staffRows.update(ids.provider, { active: false });
    const count = emitted.length;
    await expect(
      service.update(desk, appointment.id, {
        startsAt: '2026-05-05T09:00:00.000Z',
        endsAt: '2026-05-05T09:30:00.000Z',
      }),
    ).rejects.toThrow('Dr. P is no longer active in this clinic');
    expect(emitted).toHaveLength(count);
    expect((await service.update(desk, appointment.id, { type: 'procedure' })).type).toBe('procedure');
  });

  it('refuses an end before the start', async () => {
    await expect(
      service.create(desk, {
        patientId: ids.patient,
        providerId: ids.provider,
        startsAt: '2026-05-04T10:00:00Z',
        endsAt: '2026-05-04T09:00:00Z',
      }),
    ).rejects.toThrow(/endsAt must be after startsAt/);
  });

  it('refuses an overlap for the same provider or the same patient, naming the booking in the way', async () => {
    const first = await create();
    const count = emitted.length;
    const sameProvider = create(desk, '2026-05-04T09:15:00.000Z', { patientId: ids.otherPatient });
    await expect(sameProvider).rejects.toBeInstanceOf(ConflictException);
    await expect(sameProvider).rejects.toMatchObject({
      response: {
        conflict: { appointmentId: first.id, with: 'provider', providerName: 'Dr. P', patientName: 'Jordan Blake' },
      },
    });
    await expect(create(desk, '2026-05-04T08:45:00.000Z', { providerId: ids.otherProvider })).rejects.toMatchObject({
      response: {
        message: expect.stringContaining(
          `Jordan Blake is already booked on 2026-05-04 09:00–09:30 with Dr. P (appointment ${first.id})`,
        ),
        conflict: { with: 'patient' },
      },
    });
    expect(emitted).toHaveLength(count);
    // Touching ends do not overlap; another provider and patient at the same time do not either.
    await create(desk, '2026-05-04T09:30:00.000Z');
    await create(desk, '2026-05-04T09:00:00.000Z', { patientId: ids.otherPatient, providerId: ids.otherProvider });
  });

  it('frees the slot of a cancelled booking or a no-show, and refuses a move onto a taken one', async () => {
    const first = await create();
    await service.cancel(desk, first.id, 'Patient called');
    const second = await create();
    const later = await create(desk, '2026-05-04T11:00:00.000Z');
    await expect(
      service.update(desk, later.id, { startsAt: '2026-05-04T09:10:00.000Z', endsAt: '2026-05-04T09:40:00.000Z' }),
    ).rejects.toMatchObject({
      response: { conflict: { appointmentId: second.id } },
    });
    // Moving within its own slot is not a conflict with itself.
    await service.update(desk, second.id, { startsAt: '2026-05-04T09:05:00.000Z', endsAt: '2026-05-04T09:35:00.000Z' });
    now = new Date('2026-05-04T09:10:00.000Z');
    await service.markNoShow(desk, second.id);
    await create(desk, '2026-05-04T09:00:00.000Z', { confirmPast: true });
  });

  it('books or moves into the past only when confirmed, reading the injected clock', async () => {
    await expect(create(desk, '2026-05-04T07:30:00.000Z')).rejects.toBeInstanceOf(UnprocessableEntityException);
    expect(emitted).toEqual([]);
    const past = await create(desk, '2026-05-04T07:30:00.000Z', { confirmPast: true });
    const future = await create(desk, '2026-05-04T10:00:00.000Z');
    await expect(
      service.update(desk, future.id, { startsAt: '2026-05-03T10:00:00.000Z', endsAt: '2026-05-03T10:30:00.000Z' }),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    // A change that leaves a past start where it is needs no confirmation.
    await service.update(desk, past.id, { type: 'procedure' });
  });

  it("checks in only on the appointment's day in the clinic", async () => {
    const tomorrow = await create(desk, '2026-05-05T09:00:00.000Z');
    await expect(service.checkIn(desk, tomorrow.id)).rejects.toThrow(
      /on 2026-05-05; it can be checked in on that day only \(today is 2026-05-04\)/,
    );
    now = new Date('2026-05-05T23:59:00.000Z');
    expect((await service.checkIn(desk, tomorrow.id)).status).toBe('checked-in');
  });

  it('completes a checked-in visit only, and marks a no-show only once it has started', async () => {
    const appointment = await create();
    await expect(service.complete(desk, appointment.id)).rejects.toBeInstanceOf(ConflictException);
    await expect(service.markNoShow(desk, appointment.id)).rejects.toThrow(/has not started yet/);
    await service.checkIn(desk, appointment.id);
    now = new Date('2026-05-04T09:40:00.000Z');
    await expect(service.markNoShow(desk, appointment.id)).rejects.toBeInstanceOf(ConflictException);
    const completed = await service.complete(desk, appointment.id);
    expect(completed.status).toBe('completed');
    expect(emitted.at(-1)?.event).toMatchObject({ appointmentId: appointment.id, completedAt: now });
    await expect(service.cancel(desk, appointment.id)).rejects.toBeInstanceOf(ConflictException);
    await expect(service.complete(stranger, appointment.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  describe('with an idempotency key', () => {
    const KEY = 'booking-key-0000000000000001';
    const named = (name: string) => emitted.filter((e) => e.name === name);

    it('books once for one key: the retry answers the first booking, not a 409 overlapping itself', async () => {
      const request = {
        patientId: ids.patient,
        providerId: ids.provider,
        startsAt: '2026-05-04T09:00:00.000Z',
        endsAt: '2026-05-04T09:30:00.000Z',
      };
      const first = await service.create(desk, request, KEY);
      expect(await service.create(desk, { ...request }, KEY)).toEqual(first);
      expect(named(AppointmentCreated.name)).toHaveLength(1);
      await expect(service.create(desk, request)).rejects.toBeInstanceOf(ConflictException);
      await expect(service.create(desk, { ...request, type: 'procedure' }, KEY)).rejects.toBeInstanceOf(
        IdempotencyKeyReusedException,
      );
    });

    it('answers a repeated cancellation, check-in, completion or no-show with the first answer, announcing each once', async () => {
      const visit = await create();
      const cancelled = await create(desk, '2026-05-04T11:00:00.000Z');
      const missed = await create(desk, '2026-05-04T07:00:00.000Z', { confirmPast: true });
      const before = emitted.length;
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await service.checkIn(desk, visit.id, `${KEY}-in`)).toMatchObject({
          id: visit.id,
          status: 'checked-in',
        });
        expect(await service.complete(desk, visit.id, `${KEY}-done`)).toMatchObject({ status: 'completed' });
        expect(await service.cancel(desk, cancelled.id, 'ill', `${KEY}-off`)).toMatchObject({ status: 'cancelled' });
        expect(await service.markNoShow(desk, missed.id, `${KEY}-away`)).toMatchObject({ status: 'no-show' });
      }
      expect(emitted.slice(before)).toHaveLength(4);
      // Without a key a repeat is a new request, refused: the appointment has moved on.
      await expect(service.checkIn(desk, cancelled.id)).rejects.toBeInstanceOf(ConflictException);
      // Another clinic's request under the same key is theirs: the appointment is not found.
      await expect(service.checkIn(stranger, visit.id, `${KEY}-in`)).rejects.toBeInstanceOf(NotFoundException);
    });

    it('releases the key of a refused move: the confirmed retry under the same key goes through', async () => {
      const appointment = await create(desk, '2026-05-04T10:00:00.000Z');
      const back = { startsAt: '2026-05-04T07:00:00.000Z', endsAt: '2026-05-04T07:30:00.000Z' };
      await expect(service.update(desk, appointment.id, back, KEY)).rejects.toBeInstanceOf(
        UnprocessableEntityException,
      );
      const moved = await service.update(desk, appointment.id, { ...back, confirmPast: true }, KEY);
      expect(moved.startsAt).toBe(back.startsAt);
      expect(await service.update(desk, appointment.id, { ...back, confirmPast: true }, KEY)).toEqual(moved);
      expect(named(AppointmentUpdated.name)).toHaveLength(1);
    });
  });
});
