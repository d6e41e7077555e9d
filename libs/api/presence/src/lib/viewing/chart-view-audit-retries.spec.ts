import { Logger, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@derm/api/auth';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { RealtimeMetrics } from '@derm/api/metrics';
import { AuditSubjects, PatientsService } from '@derm/api/patients';
import { PatientViewAuditEntity } from '../audit/patient-view-audit.entity';
import { PatientViewAuditService } from '../audit/patient-view-audit.service';
import { PatientViewersChanged } from '../events/patient-viewers-changed.event';
import { InMemoryPresenceStore } from '../store/in-memory-presence.store';
import { PresenceViewing } from '../store/presence-store';
import { AUDIT_RETRY_LONGEST_MS, ChartViewAuditWrites } from './chart-view-audit-writes';
import { PatientRoomSeat } from './patient-room-seat';
import { PatientViewingService } from './patient-viewing.service';

const PATIENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TAB = { signInSessionId: 'sign-in-1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' };
const nurse: AuthenticatedUser = { tenantId: 't1', userId: 'nurse', name: 'Nora Quinn', role: 'nurse' };
const refused = {
  commandError: { code: 'VIEW_NOT_RECORDED', message: 'This chart view could not be recorded; open the chart again' },
};

/** The audit, on a real database, whose ends and continuations fail the next `failures` times. */
class FlakyAudit extends PatientViewAuditService {
  failures = 0;
  readonly written: string[] = [];

  override async closed(viewings: readonly PresenceViewing[], endedAt: Date): Promise<void> {
    this.failIfDue();
    await super.closed(viewings, endedAt);
    this.written.push('closed');
  }

  override async resumed(viewing: PresenceViewing): Promise<boolean> {
    this.failIfDue();
    const resumed = await super.resumed(viewing);
    if (resumed) this.written.push('continued');
    return resumed;
  }

  private failIfDue(): void {
    if (this.failures === 0) return;
    this.failures--;
    throw new Error('the audit database is unavailable');
  }
}

describe('PatientViewingService, while the audit database fails for a while', () => {
  let database: DataSource;
  let store: InMemoryPresenceStore;
  let audit: FlakyAudit;
  let metrics: { chartViewAuditWriteFailed: jest.Mock };
  let writes: ChartViewAuditWrites;
  let viewing: PatientViewingService;
  let changes: PatientViewersChanged[];
  let seated: Set<string>;
  /** What the writes logged, kept from the test output. */
  let logged: { error: string[]; log: string[] };

  const seat = (socketId: string): PatientRoomSeat => ({
    taken: seated.has(socketId),
    take: async () => void seated.add(socketId),
    leave: async () => void seated.delete(socketId),
  });
  const rows = (tenantId = 't1') => database.getRepository(PatientViewAuditEntity).find({ where: { tenantId } });
  const sorted = async () =>
    (await rows()).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.endedAt ? -1 : 1));
  /** Lets the retries run, a backoff at a time, until `done`. */
  const retryUntil = async (done: () => boolean | Promise<boolean>) => {
    for (let waits = 0; !(await done()); waits++) {
      if (waits > 20) throw new Error('the audit writes never went through');
      await jest.advanceTimersByTimeAsync(AUDIT_RETRY_LONGEST_MS);
    }
  };
  const started = async (socketId = 'n1') => {
    await store.addConnection('node', { ...nurse, socketId, connectedAt: new Date() });
    await viewing.start(nurse, socketId, PATIENT, TAB, seat(socketId));
    const [listed] = (await store.viewingsOf('t1', PATIENT)).filter((view) => view.socketId === socketId);
    return listed;
  };
  /** Waits for the clock to tick, so what follows is recorded later than what came before. */
  const ticked = async () => {
    const before = Date.now();
    while (Date.now() <= before) await new Promise(setImmediate);
  };
  /** Another node's sweep ended the row; the view's node still lists it (it put it back). */
  const swept = async (view: PresenceViewing) => {
    await ticked();
    await audit.closed([view], new Date());
    audit.written.length = 0;
    await ticked();
  };
  /** Runs `step`, answering when it started and ended too: the time it records is in between. */
  const timed = async <T>(step: () => Promise<T>) => {
    const from = Date.now();
    const answer = await step();
    return { answer, from, to: Date.now() };
  };
  const within = ({ from, to }: { from: number; to: number }) => ({
    asymmetricMatch: (at: Date | null) => !!at && at.getTime() >= from && at.getTime() <= to,
  });

  beforeEach(async () => {
    database = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [PatientViewAuditEntity],
      synchronize: true,
    }).initialize();
    // The clock is real: the database reads and writes its dates with it.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'Date'] });
    const patients = {
      get: async (tenantId: string, id: string) => {
        if (tenantId !== 't1' || id !== PATIENT) throw new NotFoundException(`Patient ${id} not found`);
        return { id };
      },
    };
    audit = new FlakyAudit(new Transactions(database, new DomainEvents(new EventEmitter2())), {} as AuditSubjects);
    store = new InMemoryPresenceStore({ ttlMs: 30_000 });
    metrics = { chartViewAuditWriteFailed: jest.fn() };
    writes = new ChartViewAuditWrites(metrics as unknown as RealtimeMetrics);
    changes = [];
    seated = new Set();
    logged = { error: [], log: [] };
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: string) => void logged.error.push(message));
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: string) => void logged.log.push(message));
    const events = new EventEmitter2();
    events.on(PatientViewersChanged.name, (change: PatientViewersChanged) => changes.push(change));
    viewing = new PatientViewingService(
      store,
      patients as unknown as PatientsService,
      audit,
      writes,
      new DomainEvents(events),
    );
  });
  afterEach(async () => {
    await writes?.onApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
    await database?.destroy();
  });

  it('ends the row of a stopped view once the database takes the end, counting each failure', async () => {
    await started();
    audit.failures = 3;
    const stop = await timed(() => viewing.stop(nurse, 'n1', PATIENT, seat('n1')));
    expect(stop.answer).toEqual([]);
    expect(changes.at(-1)?.viewers).toEqual([]);
    expect((await rows())[0].endedAt).toBeNull();

    await retryUntil(async () => (await rows())[0].endedAt !== null);
    const [row] = await rows();
    expect(row.endedAt).toEqual(within(stop));
    expect(metrics.chartViewAuditWriteFailed).toHaveBeenCalledTimes(3);
    expect(metrics.chartViewAuditWriteFailed).toHaveBeenCalledWith('closed');
    // Logged once as it fails and once as it goes through, not at every try.
    expect(logged.error).toEqual([expect.stringMatching(/audit \(closed\) failed/)]);
    expect(logged.log).toEqual([expect.stringMatching(/audit \(closed\) was written after 3 failure/)]);
  });

  it('ends the rows of a closed socket once the database takes them', async () => {
    await started();
    audit.failures = 2;
    const removed = await store.removeConnection('t1', 'n1', new Date());
    const endedAt = new Date();
    await viewing.ended(removed?.endedViewings ?? [], endedAt);
    expect(changes.at(-1)?.viewers).toEqual([]);

    await retryUntil(() => audit.written.includes('closed'));
    expect((await rows()).map((row) => row.endedAt)).toEqual([endedAt]);
  });

  it('continues the row of a view put back after a sweep once the database takes it, once', async () => {
    const view = await started();
    await swept(view);
    audit.failures = 2;
    changes = [];
    await expect(viewing.restored([view])).resolves.toBeUndefined();
    // Announced again at once: the socket is in the room, and the row will follow.
    expect(changes.map((change) => change.viewers.map((viewer) => viewer.userId))).toEqual([['nurse']]);

    await retryUntil(() => audit.written.includes('continued'));
    const [first, continued, ...more] = await sorted();
    expect(more).toEqual([]);
    expect(continued).toMatchObject({ startedAt: first.endedAt, endedAt: null, signInSessionId: 'sign-in-1' });
    expect(metrics.chartViewAuditWriteFailed).toHaveBeenCalledWith('continued');
  });

  it('ends a continued row the view stopped while it was being written: written, then ended, each once', async () => {
    const view = await started();
    await swept(view);
    audit.failures = 4;
    await viewing.restored([view]);
    await ticked();
    const stop = await timed(() => viewing.stop(nurse, 'n1', PATIENT, seat('n1')));
    expect(stop.answer).toEqual([]);

    await retryUntil(() => audit.written.includes('closed'));
    expect(audit.written).toEqual(['continued', 'closed']);
    const [first, continued, ...more] = await sorted();
    expect(more).toEqual([]);
    expect(continued.startedAt).toEqual(first.endedAt);
    expect(continued.endedAt).toEqual(within(stop));
  });

  it('continues, as the sweeper, a view put back meanwhile once its end is written', async () => {
    const view = await started();
    audit.failures = 2;
    // The sweep's end fails; the view's node lists it again (it put it back) before the end is written.
    await viewing.ended([view], new Date());

    await retryUntil(() => audit.written.includes('continued'));
    expect(audit.written).toEqual(['closed', 'continued']);
    const [first, continued, ...more] = await sorted();
    expect(more).toEqual([]);
    expect(continued).toMatchObject({ startedAt: first.endedAt, endedAt: null });
  });

  it('refuses to start again a chart whose last view is still being ended, then starts it once the end is written', async () => {
    await started();
    audit.failures = 1;
    await viewing.stop(nurse, 'n1', PATIENT, seat('n1'));
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1'))).rejects.toMatchObject(refused);
    expect(seated).toEqual(new Set());
    expect(await rows()).toHaveLength(1);

    await retryUntil(() => !writes.pending({ tenantId: 't1', patientId: PATIENT, socketId: 'n1' } as PresenceViewing));
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1'));
    const [ended, open, ...more] = await sorted();
    expect(more).toEqual([]);
    expect(ended.endedAt).not.toBeNull();
    expect(open.endedAt).toBeNull();
  });

  it("writes nothing into another clinic's audit", async () => {
    const view = await started();
    await swept(view);
    audit.failures = 2;
    await viewing.restored([view]);
    await viewing.stop(nurse, 'n1', PATIENT, seat('n1'));
    await retryUntil(() => audit.written.includes('closed'));
    expect(await rows('t2')).toEqual([]);
    expect((await rows()).every((row) => row.tenantId === 't1')).toBe(true);
  });

  it('tries a pending write once more at shutdown; one failing then is not tried again', async () => {
    await started('n1');
    const second = await started('n2');
    audit.failures = 1;
    await viewing.stop(nurse, 'n1', PATIENT, seat('n1'));
    await writes.onApplicationShutdown();
    expect((await rows()).find((row) => row.sessionId === 'n1')?.endedAt).not.toBeNull();

    audit.failures = 100;
    await viewing.stop(nurse, 'n2', PATIENT, seat('n2'));
    await jest.advanceTimersByTimeAsync(10 * AUDIT_RETRY_LONGEST_MS);
    expect(metrics.chartViewAuditWriteFailed).toHaveBeenCalledTimes(2);
    expect(writes.pending(second)).toBe(false);
  });
});
