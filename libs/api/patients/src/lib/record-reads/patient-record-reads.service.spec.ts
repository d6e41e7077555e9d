import { BadRequestException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StaffDirectory } from '@derm/api/auth';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { sessionTag } from '@derm/api/http';
import { PatientRecordRead } from '@derm/shared/contracts';
import { AuditSubjects } from '../audit/audit-subjects.service';
import { PatientsService } from '../patients.service';
import { PatientRecordReadEntity } from './patient-record-read.entity';
import { PatientRecordReads } from './patient-record-reads.service';

const NURSE = '11111111-1111-4111-8111-111111111111';
const FORMER = '22222222-2222-4222-8222-222222222222';
const PATIENT_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const PATIENT_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const at = (hour: number) => new Date(Date.UTC(2030, 0, 1, hour));
const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('PatientRecordReads', () => {
  let database: DataSource;
  let reads: PatientRecordReads;

  beforeEach(async () => {
    database = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [PatientRecordReadEntity],
      synchronize: true,
    }).initialize();
    const staff = {
      findMany: async (tenantId: string, ids: string[]) =>
        [{ id: NURSE, name: 'Nora Quinn' }].filter((member) => tenantId === 't1' && ids.includes(member.id)),
    };
    const patients = {
      findMany: async (tenantId: string, ids: readonly string[]) =>
        [{ id: PATIENT_A, displayName: 'Samuel Okafor' }].filter(
          (patient) => tenantId === 't1' && ids.includes(patient.id),
        ),
    };
    reads = new PatientRecordReads(
      new Transactions(database, new DomainEvents(new EventEmitter2())),
      new AuditSubjects(staff as unknown as StaffDirectory, patients as unknown as PatientsService),
    );
  });
  afterEach(() => database.destroy());

  /** A row as if recorded at `hour`: the service stamps its own reads with the current time. */
  const readAt = (hour: number, userId: string, patientId: string | null, kind: PatientRecordRead, tenantId = 't1') =>
    database.getRepository(PatientRecordReadEntity).insert({
      id: randomUUID(),
      tenantId,
      userId,
      patientId,
      kind,
      signInSessionId: `sign-in-${userId}`,
      client: 'Firefox 133 on macOS',
      readAt: at(hour),
    });

  it('records a read with its reader, patient, sign-in and client, and reads it back by name', async () => {
    await reads.record({
      tenantId: 't1',
      userId: NURSE,
      patientId: PATIENT_A,
      read: 'visits',
      signInSessionId: 'sid-1',
      userAgent: FIREFOX,
    });
    const { items } = await reads.search('t1', {}, { size: 10 });
    expect(items).toEqual([
      {
        userId: NURSE,
        userName: 'Nora Quinn',
        patientId: PATIENT_A,
        patientName: 'Samuel Okafor',
        read: 'visits',
        client: 'Firefox 133 on macOS',
        session: sessionTag('sid-1'),
        at: expect.any(String),
      },
    ]);
    expect((await reads.search('t2', {}, { size: 10 })).items).toEqual([]);
  });

  it('filters by patient, staff member and the interval a read falls in, within the tenant, newest first', async () => {
    await readAt(8, NURSE, PATIENT_A, 'summary');
    await readAt(9, NURSE, null, 'patient-list');
    await readAt(10, FORMER, PATIENT_B, 'conversations');
    await readAt(11, NURSE, PATIENT_A, 'visits', 't2');
    const hours = async (query: Parameters<PatientRecordReads['search']>[1]) =>
      (await reads.search('t1', query, { size: 10 })).items.map((entry) => `${entry.read}@${entry.at.slice(11, 13)}`);

    expect(await hours({})).toEqual(['conversations@10', 'patient-list@09', 'summary@08']);
    expect(await hours({ patientId: PATIENT_A })).toEqual(['summary@08']);
    expect(await hours({ userId: NURSE })).toEqual(['patient-list@09', 'summary@08']);
    expect(await hours({ from: at(9).toISOString() })).toEqual(['conversations@10', 'patient-list@09']);
    expect(await hours({ to: at(9).toISOString() })).toEqual(['patient-list@09', 'summary@08']);
    expect(await hours({ from: at(9).toISOString(), to: at(9).toISOString() })).toEqual(['patient-list@09']);
  });

  it('pages with the cursor within an interval, and names a former colleague, a gone patient and the list', async () => {
    for (const hour of [8, 9, 10, 11]) await readAt(hour, FORMER, PATIENT_B, 'summary');
    await readAt(12, NURSE, null, 'patient-list');
    const query = { from: at(9).toISOString(), to: at(11).toISOString() };
    const first = await reads.search('t1', query, { size: 2 });
    const second = await reads.search('t1', query, { size: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((entry) => entry.at.slice(11, 13))).toEqual(['11', '10', '09']);
    expect(second.nextCursor).toBeUndefined();
    expect(first.items[0]).toMatchObject({ userName: 'Former staff member', patientName: 'Unknown patient' });

    const [list] = (await reads.search('t1', { userId: NURSE }, { size: 1 })).items;
    expect(list).toMatchObject({ read: 'patient-list', userName: 'Nora Quinn' });
    expect(list).not.toHaveProperty('patientId');
    expect(list).not.toHaveProperty('patientName');
  });

  it('refuses an interval that ends before it starts', async () => {
    await expect(
      reads.search('t1', { from: at(10).toISOString(), to: at(9).toISOString() }, { size: 10 }),
    ).rejects.toBeInstanceOf(BadRequestException);
  });
});
