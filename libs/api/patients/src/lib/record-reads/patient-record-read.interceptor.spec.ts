import { ExecutionContext, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { lastValueFrom, of, throwError } from 'rxjs';
import {
  PatientFinder,
  patientFilter,
  patientFoundBy,
  patientOfAnswer,
  patientParam,
  ReadRequest,
} from './audited-read';
import { AuditsPatientListRead, AuditsPatientRead } from './audits-patient-read.decorator';
import { PatientRecordReadInterceptor } from './patient-record-read.interceptor';
import { PatientRecordReads, RecordedRead } from './patient-record-reads.service';

const PATIENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const THREAD = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A thread's patient as the messaging module finds it: here, from a map of the clinic's threads. */
class ThreadPatients implements PatientFinder {
  readonly threads = new Map<string, string>([[THREAD, PATIENT]]);
  failing = false;

  async patientOf({ params }: ReadRequest): Promise<string | undefined> {
    if (this.failing) throw new Error('the database is down');
    return this.threads.get(String(params['id']));
  }
}

/** Routes as a controller declares them; only their metadata is read. */
class Routes {
  @AuditsPatientRead('summary', patientParam('id'))
  summary(): string {
    return 'summary';
  }

  @AuditsPatientRead('conversations', patientFilter('patientId'))
  conversations(): string {
    return 'conversations';
  }

  @AuditsPatientRead('lab-results', patientFilter('patientId'), 'lab-result-list')
  labResults(): string {
    return 'lab results';
  }

  @AuditsPatientRead('conversation', patientOfAnswer)
  thread(): string {
    return 'thread';
  }

  @AuditsPatientRead('messages', patientFoundBy(ThreadPatients))
  messages(): string {
    return 'messages';
  }

  @AuditsPatientListRead('patient-list')
  list(): string {
    return 'list';
  }
}

describe('PatientRecordReadInterceptor', () => {
  let recorded: RecordedRead[];
  let failing: boolean;
  let interceptor: PatientRecordReadInterceptor;
  let threadPatients: ThreadPatients;

  beforeEach(() => {
    recorded = [];
    failing = false;
    threadPatients = new ThreadPatients();
    const modules = {
      get: (type: unknown) => {
        if (type !== ThreadPatients) throw new Error('no such provider');
        return threadPatients;
      },
    };
    const reads = {
      record: async (read: RecordedRead) => {
        if (failing) throw new Error('the database is down');
        recorded.push(read);
      },
    };
    interceptor = new PatientRecordReadInterceptor(
      new Reflector(),
      reads as unknown as PatientRecordReads,
      modules as unknown as ModuleRef,
    );
  });

  const call = (
    route: keyof Routes,
    request: { params?: Record<string, unknown>; query?: Record<string, unknown> },
    answer = of<unknown>({ id: PATIENT }),
  ) => {
    const context = {
      getHandler: () => Routes.prototype[route],
      switchToHttp: () => ({
        getRequest: () => ({
          params: {},
          query: {},
          ...request,
          headers: { 'user-agent': CHROME },
          user: { tenantId: 't1', userId: 'u1', role: 'nurse', name: 'Nora' },
          session: { sessionId: 'sid-1', authTime: 0 },
        }),
      }),
    } as unknown as ExecutionContext;
    return lastValueFrom(interceptor.intercept(context, { handle: () => answer }));
  };

  it('records a read of the patient the route names, once the handler answers, and passes the answer on', async () => {
    expect(await call('summary', { params: { id: PATIENT } })).toEqual({ id: PATIENT });
    expect(recorded).toEqual([
      {
        tenantId: 't1',
        userId: 'u1',
        patientId: PATIENT,
        read: 'summary',
        signInSessionId: 'sid-1',
        userAgent: CHROME,
      },
    ]);
  });

  it('records nothing when the handler refuses the read', async () => {
    const refused = throwError(() => new NotFoundException(`Patient ${PATIENT} not found`));
    await expect(call('summary', { params: { id: PATIENT } }, refused)).rejects.toBeInstanceOf(NotFoundException);
    expect(recorded).toEqual([]);
  });

  it("records nothing for a route's read of no one patient (conversations without a patient filter)", async () => {
    expect(await call('conversations', {}, of([]))).toEqual([]);
    expect(recorded).toEqual([]);
    await call('conversations', { query: { patientId: PATIENT } }, of([]));
    expect(recorded.map(({ read, patientId }) => [read, patientId])).toEqual([['conversations', PATIENT]]);
  });

  it('records a list read without its patient filter as the list, with no patient, when the route says so', async () => {
    await call('labResults', {}, of([]));
    await call('labResults', { query: { patientId: PATIENT } }, of([]));
    expect(recorded.map(({ read, patientId }) => [read, patientId])).toEqual([
      ['lab-result-list', null],
      ['lab-results', PATIENT],
    ]);
  });

  it('records a read of the patient its answer names, and nothing for an answer of no patient', async () => {
    await call('thread', { params: { id: THREAD } }, of({ id: THREAD, patientId: PATIENT }));
    expect(await call('thread', { params: { id: THREAD } }, of({ id: THREAD }))).toEqual({ id: THREAD });
    await call('thread', { params: { id: THREAD } }, of({ id: THREAD, patientId: null }));
    expect(recorded.map(({ read, patientId }) => [read, patientId])).toEqual([['conversation', PATIENT]]);
  });

  it("records a read of the patient the route's finder finds once the handler answers, and nothing when it finds none", async () => {
    expect(await call('messages', { params: { id: THREAD } }, of([]))).toEqual([]);
    await call('messages', { params: { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc' } }, of([]));
    expect(recorded.map(({ read, patientId }) => [read, patientId])).toEqual([['messages', PATIENT]]);
  });

  it('withholds the answer with a 503 when the finder cannot find the patient', async () => {
    threadPatients.failing = true;
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(call('messages', { params: { id: THREAD } }, of([]))).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
    expect(recorded).toEqual([]);
    logged.mockRestore();
  });

  it('records a read of the patients list without a patient', async () => {
    await call('list', { query: { q: 'oka' } }, of([]));
    expect(recorded.map(({ read, patientId }) => [read, patientId])).toEqual([['patient-list', null]]);
  });

  it('withholds the answer with a 503 when the read cannot be recorded', async () => {
    failing = true;
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const refusal = call('summary', { params: { id: PATIENT } }, of({ id: PATIENT, mrn: 'MRN-1' }));
    await expect(refusal).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(refusal).rejects.toThrow(/could not be recorded/);
    expect(logged).toHaveBeenCalledWith('Recording a read of patient records failed', expect.stringContaining('down'));
    logged.mockRestore();
  });
});
