import { Provider } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { IdempotencyKeyEntity, IdempotentWrites, Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { Test, TestingModule } from '@nestjs/testing';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, StaffMemberEntity } from '@derm/api/auth';
import { PatientEntity, PatientsService } from '@derm/api/patients';
import { StaffRole } from '@derm/shared/contracts';
import { ConnectionGreetings } from '../inbox/connection-greetings';
import { NotificationInbox } from '../inbox/notification-inbox.service';
import { NotificationEntity } from '../inbox/notification.entity';
import { NotificationsService } from '../inbox/notifications.service';

export const ids = {
  tenant: '11111111-1111-4111-8111-111111111111',
  otherTenant: '22222222-2222-4222-8222-222222222222',
  provider: '33333333-3333-4333-8333-333333333333',
  nurse: '44444444-4444-4444-8444-444444444444',
  admin: '55555555-5555-4555-8555-555555555555',
  desk: '66666666-6666-4666-8666-666666666666',
  otherAdmin: '77777777-7777-4777-8777-777777777777',
  patient: '88888888-8888-4888-8888-888888888888',
};

const member = (id: string, role: StaffRole, name: string, tenantId = ids.tenant) => ({
  id,
  tenantId,
  role,
  name,
  email: `${id}@clinic.test`,
  passwordHash: '-',
});

export const staff = {
  provider: member(ids.provider, 'provider', 'Dr. Ana Ortiz'),
  nurse: member(ids.nurse, 'nurse', 'Nora Quinn'),
  admin: member(ids.admin, 'admin', 'Alma Reyes'),
  desk: member(ids.desk, 'front-desk', 'Felix Park'),
  otherAdmin: member(ids.otherAdmin, 'admin', 'Hana Sato', ids.otherTenant),
};

export const asUser = ({ id, tenantId, role, name }: (typeof staff)[keyof typeof staff]): AuthenticatedUser => ({
  userId: id,
  tenantId,
  role,
  name,
});

export interface Emitted {
  name: string;
  event: unknown;
}

export interface Clinic {
  moduleRef: TestingModule;
  emitted: Emitted[];
  notifications: Repository<NotificationEntity>;
}

type Entities = NonNullable<Parameters<typeof TypeOrmModule.forFeature>[0]>;

/** The inbox on an in-memory SQLite database with two clinics' staff and one patient; events are recorded. */
export async function clinicWith(entities: Entities, providers: Provider[] = []): Promise<Clinic> {
  const emitted: Emitted[] = [];
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({
        type: 'better-sqlite3',
        database: ':memory:',
        synchronize: true,
        autoLoadEntities: true,
      }),
      TypeOrmModule.forFeature([
        NotificationEntity,
        StaffMemberEntity,
        PatientEntity,
        IdempotencyKeyEntity,
        ...entities,
      ]),
    ],
    providers: [
      NotificationsService,
      NotificationInbox,
      ConnectionGreetings,
      StaffDirectory,
      PatientsService,
      DomainEvents,
      Transactions,
      IdempotentWrites,
      { provide: EventEmitter2, useValue: { emit: (name: string, event: unknown) => emitted.push({ name, event }) } },
      ...providers,
    ],
  }).compile();
  await moduleRef
    .get<Repository<StaffMemberEntity>>(getRepositoryToken(StaffMemberEntity))
    .insert(Object.values(staff));
  await moduleRef.get<Repository<PatientEntity>>(getRepositoryToken(PatientEntity)).insert({
    id: ids.patient,
    tenantId: ids.tenant,
    displayName: 'Jordan Blake',
    dateOfBirth: '1984-03-12',
    mrn: 'R-1',
  });
  return { moduleRef, emitted, notifications: moduleRef.get(getRepositoryToken(NotificationEntity)) };
}

export const eventsNamed = <T>(emitted: Emitted[], name: string): T[] =>
  emitted.filter((e) => e.name === name).map((e) => e.event as T);
