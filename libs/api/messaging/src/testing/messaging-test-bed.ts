import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvents } from '@derm/api/events';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, StaffMemberEntity } from '@derm/api/auth';
import { IdempotencyKeyEntity, IdempotentWrites, Transactions } from '@derm/api/database';
import { PatientEntity, PatientsService } from '@derm/api/patients';
import { StaffRole } from '@derm/shared/contracts';
import { createTestDatabase } from '@derm/shared/test-client';
import { MessageThreadEntity } from '../lib/entities/message-thread.entity';
import { MessageEntity } from '../lib/entities/message.entity';
import { ThreadParticipantEntity } from '../lib/entities/thread-participant.entity';
import { MessagesService } from '../lib/messages.service';
import { ThreadsService } from '../lib/threads.service';
import { UnreadCounts } from '../lib/unread-counts.service';

export interface EmittedEvent {
  name: string;
  event: unknown;
}

/**
 * The messaging services with two clinics' staff and patients, on an in-memory SQLite database or
 * a fresh PostgreSQL one (TEST_POSTGRES_URL, by default the local server).
 */
export async function createMessagingTestBed(kind: 'sqlite' | 'postgres' = 'sqlite') {
  const database = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const dataSource = new DataSource({
    ...(database ? { type: 'postgres', url: database.url } : { type: 'better-sqlite3', database: ':memory:' }),
    entities: [
      StaffMemberEntity,
      PatientEntity,
      MessageThreadEntity,
      ThreadParticipantEntity,
      MessageEntity,
      IdempotencyKeyEntity,
    ],
    synchronize: true,
  });
  await dataSource.initialize();

  const clinic = randomUUID();
  const otherClinic = randomUUID();
  const member = async (tenantId: string, name: string, role: StaffRole): Promise<AuthenticatedUser> => {
    const userId = randomUUID();
    await dataSource.getRepository(StaffMemberEntity).insert({
      id: userId,
      tenantId,
      name,
      role,
      email: `${userId}@example.test`,
      passwordHash: 'unused',
    });
    return { userId, tenantId, name, role };
  };
  const patient = async (tenantId: string, displayName: string) => {
    const id = randomUUID();
    await dataSource
      .getRepository(PatientEntity)
      .insert({ id, tenantId, displayName, dateOfBirth: '1980-01-01', mrn: id.slice(0, 8) });
    return id;
  };

  const users = {
    provider: await member(clinic, 'Dr. Ana Ortiz', 'provider'),
    nurse: await member(clinic, 'Nora Quinn', 'nurse'),
    frontDesk: await member(clinic, 'Felix Park', 'front-desk'),
    stranger: await member(otherClinic, 'Dr. Ben Cho', 'provider'),
  };
  const patients = {
    ours: await patient(clinic, 'Jordan Blake'),
    alsoOurs: await patient(clinic, 'Lena Fischer'),
    theirs: await patient(otherClinic, 'Olivia Hart'),
  };

  const emitter = new EventEmitter2();
  const events = new DomainEvents(emitter);
  const emitted: EmittedEvent[] = [];
  emitter.onAny((name, event) => emitted.push({ name: String(name), event }));

  const repository = <T extends object>(entity: new () => T) => dataSource.getRepository(entity);
  const transactions = new Transactions(dataSource, events);
  const unread = new UnreadCounts(transactions);
  const threads = new ThreadsService(
    transactions,
    new StaffDirectory(repository(StaffMemberEntity), transactions),
    new PatientsService(repository(PatientEntity)),
    unread,
    events,
  );
  const messages = new MessagesService(transactions, new IdempotentWrites(transactions), threads, unread, events);

  return {
    dataSource,
    users,
    patients,
    threads,
    messages,
    unread,
    emitted,
    /** The events of one kind emitted so far, and forgets them. */
    take<T>(type: abstract new (...args: never[]) => T): T[] {
      const matching = emitted.filter(({ event }) => event instanceof type).map(({ event }) => event as T);
      emitted.splice(0, emitted.length, ...emitted.filter(({ event }) => !(event instanceof type)));
      return matching;
    },
    /** Makes the database itself refuse every update of a table, until `allowUpdates`. */
    refuseUpdates: async (table: string) => {
      if (kind === 'sqlite') {
        await dataSource.query(
          `CREATE TRIGGER refuse_updates BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'refused'); END`,
        );
        return;
      }
      await dataSource.query(
        `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`,
      );
      await dataSource.query(
        `CREATE TRIGGER refuse_updates BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse()`,
      );
    },
    allowUpdates: async (table: string) => {
      await dataSource.query(
        kind === 'sqlite' ? 'DROP TRIGGER refuse_updates' : `DROP TRIGGER refuse_updates ON ${table}`,
      );
    },
    close: async () => {
      await dataSource.destroy();
      await database?.drop();
    },
  };
}

export type MessagingTestBed = Awaited<ReturnType<typeof createMessagingTestBed>>;
