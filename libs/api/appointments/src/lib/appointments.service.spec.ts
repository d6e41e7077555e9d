import { ConflictException, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { Test } from '@nestjs/testing';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, StaffMemberEntity, TenantDirectory, TenantEntity } from '@derm/api/auth';
import { PatientEntity, PatientsModule } from '@derm/api/patients';
import { AppointmentEntity } from './appointment.entity';
import { AppointmentsService } from './appointments.service';
import { AppointmentCheckedIn } from './events/appointment-checked-in.event';
import { AppointmentCreated } from './events/appointment-created.event';
import { AppointmentUpdated } from './events/appointment-updated.event';

const PAGE = { size: 50 };

const ids = {
  tenant: '11111111-1111-4111-8111-111111111111',
  otherTenant: '22222222-2222-4222-8222-222222222222',
  provider: '33333333-3333-4333-8333-333333333333',
  nurse: '44444444-4444-4444-8444-444444444444',
  patient: '55555555-5555-4555-8555-555555555555',
};
const desk: AuthenticatedUser = { userId: ids.nurse, tenantId: ids.tenant, role: 'nurse', name: 'Nora' };
const stranger: AuthenticatedUser = { ...desk, tenantId: ids.otherTenant };

describe('AppointmentsService', () => {
  let service: AppointmentsService;
  let emitted: { name: string; event: unknown }[];

  beforeEach(async () => {
    emitted = [];
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'better-sqlite3', database: ':memory:', synchronize: true, autoLoadEntities: true }),
        TypeOrmModule.forFeature([AppointmentEntity, StaffMemberEntity, TenantEntity]),
        PatientsModule,
      ],
      providers: [
        AppointmentsService,
        StaffDirectory,
        DomainEvents,
        TenantDirectory,
      Transactions,
      { provide: EventEmitter2, useValue: { emit: (name: string, event: unknown) => emitted.push({ name, event }) } },
      ],
    }).compile();
    service = moduleRef.get(AppointmentsService);
    const staff = moduleRef.get<Repository<StaffMemberEntity>>(getRepositoryToken(StaffMemberEntity));
    await staff.insert([
      { id: ids.provider, tenantId: ids.tenant, email: 'p@x.test', name: 'Dr. P', role: 'provider', passwordHash: '-' },
      { id: ids.nurse, tenantId: ids.tenant, email: 'n@x.test', name: 'Nora', role: 'nurse', passwordHash: '-' },
    ]);
    await moduleRef
      .get<Repository<PatientEntity>>(getRepositoryToken(PatientEntity))
      .insert({ id: ids.patient, tenantId: ids.tenant, displayName: 'Jordan Blake', dateOfBirth: '1984-03-12', mrn: 'R-1' });
  });

  const create = (user = desk, startsAt = '2026-05-04T09:00:00.000Z') =>
    service.create(user, {
      patientId: ids.patient,
      providerId: ids.provider,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 1800_000).toISOString(),
    });

  it('persists, then emits AppointmentCreated with the summary and the actor', async () => {
    const appointment = await create();
    expect(appointment).toMatchObject({ patientName: 'Jordan Blake', providerName: 'Dr. P', status: 'scheduled', type: 'consultation' });
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
    expect(emitted.at(-1)).toEqual({ name: AppointmentUpdated.name, event: expect.objectContaining({ changes: ['type'] }) });
    const count = emitted.length;
    await service.update(desk, appointment.id, { type: 'procedure' });
    expect(emitted).toHaveLength(count);
  });

  it('refuses an end before the start', async () => {
    await expect(
      service.create(desk, { patientId: ids.patient, providerId: ids.provider, startsAt: '2026-05-04T10:00:00Z', endsAt: '2026-05-04T09:00:00Z' }),
    ).rejects.toThrow(/endsAt must be after startsAt/);
  });
});
