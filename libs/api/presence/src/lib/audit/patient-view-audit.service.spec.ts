import { BadRequestException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { StaffDirectory } from '@derm/api/auth';
import { sessionTag } from '@derm/api/http';
import { AuditSubjects, PatientsService } from '@derm/api/patients';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { PresenceViewing } from '../store/presence-store';
import { PatientViewAuditEntity } from './patient-view-audit.entity';
import { PatientViewAuditService } from './patient-view-audit.service';

const PAGE = { size: 50 };

const NURSE = '11111111-1111-4111-8111-111111111111';
const PROVIDER = '22222222-2222-4222-8222-222222222222';
const PATIENT_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const PATIENT_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const at = (hour: number, minute = 0) => new Date(Date.UTC(2030, 0, 1, hour, minute));
const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0';
/** One sign-in per socket, named after it, in Firefox on a Mac. */
const signedIn = (socketId: string) => ({ signInSessionId: `sign-in-${socketId}`, userAgent: FIREFOX });

const view = (userId: string, patientId: string, socketId: string, hour: number, tenantId = 't1'): PresenceViewing => ({
  tenantId,
  userId,
  patientId,
  socketId,
  name: 'unused',
  startedAt: at(hour),
});

describe('PatientViewAuditService', () => {
  let database: DataSource;
  let audit: PatientViewAuditService;

  beforeEach(async () => {
    database = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [PatientViewAuditEntity],
      synchronize: true,
    }).initialize();
    const staff = {
      findMany: async (tenantId: string, ids: string[]) =>
        [
          { id: NURSE, name: 'Nora Quinn', role: 'nurse' },
          { id: PROVIDER, name: 'Dr. Ana Ortiz', role: 'provider' },
        ].filter((member) => tenantId === 't1' && ids.includes(member.id)),
    };
    const patients = {
      findMany: async (tenantId: string, ids: readonly string[]) =>
        [{ id: PATIENT_A, displayName: 'Samuel Okafor' }].filter(
          (patient) => tenantId === 't1' && ids.includes(patient.id),
        ),
    };
    audit = new PatientViewAuditService(
      new Transactions(database, new DomainEvents(new EventEmitter2())),
      new AuditSubjects(staff as unknown as StaffDirectory, patients as unknown as PatientsService),
    );
  });
  afterEach(() => database.destroy());

  it('records a view when it starts and closes it when it ends, per session', async () => {
    const tab1 = view(NURSE, PATIENT_A, 's1', 9);
    const tab2 = view(NURSE, PATIENT_A, 's2', 10);
    await audit.opened(tab1, signedIn('s1'));
    await audit.opened(tab2, signedIn('s2'));
    await audit.closed([tab1], at(11));

    expect((await audit.search('t1', {}, PAGE)).items).toEqual([
      {
        userId: NURSE,
        userName: 'Nora Quinn',
        patientId: PATIENT_A,
        patientName: 'Samuel Okafor',
        client: 'Firefox 133 on macOS',
        session: sessionTag('sign-in-s2'),
        startedAt: at(10).toISOString(),
      },
      {
        userId: NURSE,
        userName: 'Nora Quinn',
        patientId: PATIENT_A,
        patientName: 'Samuel Okafor',
        client: 'Firefox 133 on macOS',
        session: sessionTag('sign-in-s1'),
        startedAt: at(9).toISOString(),
        endedAt: at(11).toISOString(),
        durationSeconds: 7200,
      },
    ]);
  });

  it('keeps the first end of a view', async () => {
    const tab = view(NURSE, PATIENT_A, 's1', 9);
    await audit.opened(tab, signedIn('s1'));
    await audit.closed([tab], at(10));
    await audit.closed([tab], at(12));
    expect((await audit.search('t1', {}, PAGE)).items[0].endedAt).toBe(at(10).toISOString());
  });

  it('continues a swept view once from its end, whichever of its node and the sweeper continues it', async () => {
    const tab = view(NURSE, PATIENT_A, 's1', 9);
    await audit.opened(tab, signedIn('s1'));
    expect(await audit.resumed(tab)).toBe(false);
    await audit.closed([tab], at(10));

    expect(await Promise.all([audit.resumed(tab), audit.resumed(tab)])).toEqual(expect.arrayContaining([true, false]));
    const items = (await audit.search('t1', {}, PAGE)).items;
    expect(items.map(({ startedAt, endedAt }) => [startedAt, endedAt])).toEqual([
      [at(10).toISOString(), undefined],
      [at(9).toISOString(), at(10).toISOString()],
    ]);
  });

  it('filters by patient, user and the interval a view overlaps, within the tenant', async () => {
    const early = view(NURSE, PATIENT_A, 's1', 8);
    await audit.opened(early, signedIn('s1'));
    await audit.closed([early], at(9));
    await audit.opened(view(PROVIDER, PATIENT_A, 's2', 10), signedIn('s2'));
    await audit.opened(view(PROVIDER, PATIENT_B, 's2', 12), signedIn('s2'));
    await audit.opened(view(NURSE, PATIENT_A, 's9', 10, 't2'), signedIn('s9'));

    const tagged = new Map(['s1', 's2'].map((socketId) => [sessionTag(`sign-in-${socketId}`), socketId]));
    const sessions = async (query: Parameters<PatientViewAuditService['search']>[1]) =>
      (await audit.search('t1', query, PAGE)).items.map(
        (entry) => `${tagged.get(entry.session)}@${entry.startedAt.slice(11, 13)}`,
      );

    expect(await sessions({ patientId: PATIENT_A })).toEqual(['s2@10', 's1@08']);
    expect(await sessions({ userId: PROVIDER })).toEqual(['s2@12', 's2@10']);
    expect(await sessions({ from: at(9).toISOString() })).toEqual(['s2@12', 's2@10', 's1@08']);
    expect(await sessions({ from: at(9).toISOString(), to: at(11).toISOString() })).toEqual(['s2@10', 's1@08']);
    expect(await sessions({ from: at(9, 30).toISOString() })).toEqual(['s2@12', 's2@10']);
    expect(await sessions({ to: at(7).toISOString() })).toEqual([]);
    expect((await audit.search('t2', { patientId: PATIENT_B }, PAGE)).items).toEqual([]);
  });

  it('names each patient from the clinic, and says so of one it no longer has', async () => {
    await audit.opened(view(NURSE, PATIENT_A, 's1', 9), signedIn('s1'));
    await audit.opened(view(NURSE, PATIENT_B, 's1', 10), signedIn('s1'));
    const names = (await audit.search('t1', {}, PAGE)).items.map(({ patientId, patientName }) => [
      patientId,
      patientName,
    ]);
    expect(names).toEqual([
      [PATIENT_B, 'Unknown patient'],
      [PATIENT_A, 'Samuel Okafor'],
    ]);
  });

  it('refuses an interval that ends before it starts', async () => {
    await expect(
      audit.search('t1', { from: at(10).toISOString(), to: at(9).toISOString() }, PAGE),
    ).rejects.toBeInstanceOf(BadRequestException);
  });
});
