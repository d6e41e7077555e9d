import { NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuthenticatedUser } from '@derm/api/auth';
import { DomainEvents } from '@derm/api/events';
import { PatientsService } from '@derm/api/patients';
import { PatientViewAuditService } from '../audit/patient-view-audit.service';
import { ChartViewAuditWrites } from './chart-view-audit-writes';
import { PatientViewersChanged } from '../events/patient-viewers-changed.event';
import { InMemoryPresenceStore } from '../store/in-memory-presence.store';
import { PatientRoomSeat } from './patient-room-seat';
import { PatientViewingService } from './patient-viewing.service';

const PATIENT = 'p1';
const TAB = { signInSessionId: 'sign-in-1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' };
const nurse: AuthenticatedUser = { tenantId: 't1', userId: 'nurse', name: 'Nora Quinn', role: 'nurse' };
const provider: AuthenticatedUser = { tenantId: 't1', userId: 'provider', name: 'Dr. Ana Ortiz', role: 'provider' };
const refused = {
  commandError: { code: 'VIEW_NOT_RECORDED', message: 'This chart view could not be recorded; open the chart again' },
};

describe('PatientViewingService', () => {
  let store: InMemoryPresenceStore;
  let audit: { opened: jest.Mock; closed: jest.Mock; resumed: jest.Mock };
  let changes: PatientViewersChanged[];
  let patients: { get: jest.Mock };
  let viewing: PatientViewingService;
  /** `socket|patient` of every patient room a socket is in. */
  let seated: Set<string>;

  const seat = (socketId: string, patientId: string): PatientRoomSeat => ({
    taken: seated.has(`${socketId}|${patientId}`),
    take: async () => void seated.add(`${socketId}|${patientId}`),
    leave: async () => void seated.delete(`${socketId}|${patientId}`),
  });

  const connect = (user: AuthenticatedUser, socketId: string) =>
    store.addConnection('node', { ...user, socketId, connectedAt: new Date() });
  const who = () => changes.map((change) => change.viewers.map((viewer) => viewer.userId));

  beforeEach(async () => {
    store = new InMemoryPresenceStore({ ttlMs: 30_000 });
    audit = {
      opened: jest.fn().mockResolvedValue(undefined),
      closed: jest.fn().mockResolvedValue(undefined),
      resumed: jest.fn().mockResolvedValue(true),
    };
    changes = [];
    seated = new Set();
    const events = new EventEmitter2();
    events.on(PatientViewersChanged.name, (change: PatientViewersChanged) => changes.push(change));
    patients = {
      get: jest.fn(async (tenantId: string, id: string) => {
        if (tenantId !== 't1' || id !== PATIENT) throw new NotFoundException(`Patient ${id} not found`);
        return { id, displayName: 'Jordan Blake', dateOfBirth: '1984-03-12', mrn: 'MRN-1' };
      }),
    };
    viewing = new PatientViewingService(
      store,
      patients as unknown as PatientsService,
      audit as unknown as PatientViewAuditService,
      new ChartViewAuditWrites(),
      new DomainEvents(events),
    );
    await connect(nurse, 'n1');
    await connect(provider, 'p-tab1');
    await connect(provider, 'p-tab2');
  });

  it('announces a new viewer and audits the view', async () => {
    const viewers = await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    expect(viewers).toEqual([{ userId: 'nurse', name: 'Nora Quinn', since: expect.any(String) }]);
    expect(changes).toEqual([expect.objectContaining({ tenantId: 't1', patientId: PATIENT, viewers })]);
    expect(audit.opened).toHaveBeenCalledWith(
      expect.objectContaining({ userId: 'nurse', socketId: 'n1', patientId: PATIENT }),
      TAB,
    );
  });

  it('takes back, unannounced, a view its audit row could not be written for', async () => {
    audit.opened.mockRejectedValueOnce(new Error('the database refused the row'));
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT))).rejects.toMatchObject(refused);
    expect(await viewing.viewers('t1', PATIENT)).toEqual([]);
    expect(changes).toEqual([]);

    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    expect(who()).toEqual([['nurse']]);
  });

  it('tells, of two views opened at once, both in the change told last', async () => {
    let recorded!: () => void;
    audit.opened.mockReturnValueOnce(new Promise<void>((resolve) => (recorded = resolve)));
    const nurseStarted = viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    await viewing.start(provider, 'p-tab1', PATIENT, TAB, seat('p-tab1', PATIENT));
    recorded();
    expect((await nurseStarted).map((viewer) => viewer.userId).sort()).toEqual(['nurse', 'provider']);
    expect(who().at(-1)?.sort()).toEqual(['nurse', 'provider']);
  });

  it('counts a second tab once: no announcement, but a view of its own in the audit', async () => {
    await viewing.start(provider, 'p-tab1', PATIENT, TAB, seat('p-tab1', PATIENT));
    const viewers = await viewing.start(provider, 'p-tab2', PATIENT, TAB, seat('p-tab2', PATIENT));
    expect(viewers.map((viewer) => viewer.userId)).toEqual(['provider']);
    expect(who()).toEqual([['provider']]);
    expect(audit.opened).toHaveBeenCalledTimes(2);

    await viewing.stop(provider, 'p-tab1', PATIENT, seat('p-tab1', PATIENT));
    expect(who()).toEqual([['provider']]);
    await viewing.stop(provider, 'p-tab2', PATIENT, seat('p-tab2', PATIENT));
    expect(who()).toEqual([['provider'], []]);
    expect(audit.closed).toHaveBeenCalledTimes(2);
  });

  it('does nothing for a repeated start or a stop without a start', async () => {
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    await viewing.stop(provider, 'p-tab1', PATIENT, seat('p-tab1', PATIENT));
    expect(audit.opened).toHaveBeenCalledTimes(1);
    expect(audit.closed).not.toHaveBeenCalled();
    expect(changes).toHaveLength(1);
  });

  it('refuses a patient of another clinic before touching anything', async () => {
    await expect(
      viewing.start({ ...nurse, tenantId: 't2' }, 'n1', PATIENT, TAB, seat('n1', PATIENT)),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(viewing.stop(nurse, 'n1', 'other', seat('n1', 'other'))).rejects.toBeInstanceOf(NotFoundException);
    await expect(viewing.viewers('t2', PATIENT)).rejects.toBeInstanceOf(NotFoundException);
    expect(audit.opened).not.toHaveBeenCalled();
    expect(changes).toEqual([]);
  });

  it("applies a socket's steps in the order they came, whichever would finish first", async () => {
    let lookUpDone!: () => void;
    patients.get.mockImplementationOnce(
      (tenantId: string, id: string) =>
        new Promise((resolve) => (lookUpDone = () => resolve({ id, displayName: 'Jordan Blake' }))),
    );
    const started = viewing.inTurn('n1', () => viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT)));
    const stopped = viewing.inTurn('n1', () => viewing.stop(nurse, 'n1', PATIENT, seat('n1', PATIENT)));
    await new Promise(setImmediate);
    lookUpDone();

    expect(await started).toEqual([expect.objectContaining({ userId: 'nurse' })]);
    expect(await stopped).toEqual([]);
    expect(who()).toEqual([['nurse'], []]);
    expect(audit.closed).toHaveBeenCalledWith([expect.objectContaining({ socketId: 'n1' })], expect.any(Date));
    expect(await viewing.viewers('t1', PATIENT)).toEqual([]);
  });

  it("goes on with a socket's next step after one that failed", async () => {
    const refused = viewing.inTurn('n1', () => viewing.start(nurse, 'n1', 'other', TAB, seat('n1', 'other')));
    const started = viewing.inTurn('n1', () => viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT)));
    await expect(refused).rejects.toBeInstanceOf(NotFoundException);
    expect(await started).toEqual([expect.objectContaining({ userId: 'nurse' })]);
  });

  it('ends the viewings of a closed socket, announcing only who actually left', async () => {
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    await viewing.start(provider, 'p-tab1', PATIENT, TAB, seat('p-tab1', PATIENT));
    await viewing.start(provider, 'p-tab2', PATIENT, TAB, seat('p-tab2', PATIENT));
    changes = [];

    const tab1 = await store.removeConnection('t1', 'p-tab1', new Date());
    await viewing.ended(tab1!.endedViewings, new Date());
    expect(changes).toEqual([]);

    const nurseSocket = await store.removeConnection('t1', 'n1', new Date());
    const endedAt = new Date();
    await viewing.ended(nurseSocket!.endedViewings, endedAt);
    expect(who()).toEqual([['provider']]);
    expect(audit.closed).toHaveBeenLastCalledWith([expect.objectContaining({ socketId: 'n1' })], endedAt);
    expect(await viewing.viewers('t1', PATIENT)).toEqual([expect.objectContaining({ userId: 'provider' })]);
  });
  it('records a view before its socket is in the patient room, and ends it once the socket is out', async () => {
    audit.opened.mockImplementationOnce(async () => expect(seated.has(`n1|${PATIENT}`)).toBe(false));
    audit.closed.mockImplementationOnce(async () => expect(seated.has(`n1|${PATIENT}`)).toBe(false));
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    expect(seated).toEqual(new Set([`n1|${PATIENT}`]));
    await viewing.stop(nurse, 'n1', PATIENT, seat('n1', PATIENT));
    expect(audit.opened).toHaveBeenCalledTimes(1);
    expect(audit.closed).toHaveBeenCalledTimes(1);
    expect(seated).toEqual(new Set());
  });

  it('refuses, out of the room and with its row ended, a view the store could not list (its node was swept meanwhile)', async () => {
    await store.removeConnection('t1', 'n1', new Date());
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT))).rejects.toMatchObject(refused);
    expect(audit.opened).toHaveBeenCalledTimes(1);
    expect(audit.closed).toHaveBeenCalledWith([expect.objectContaining({ socketId: 'n1' })], expect.any(Date));
    expect(seated).toEqual(new Set());
    expect(await viewing.viewers('t1', PATIENT)).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('refuses, out of the room and with its row ended, a view the store failed to take', async () => {
    jest.spyOn(store, 'startViewing').mockRejectedValueOnce(new Error('Redis is away'));
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT))).rejects.toMatchObject(refused);
    expect(audit.closed).toHaveBeenCalledWith([expect.objectContaining({ socketId: 'n1' })], expect.any(Date));
    expect(seated).toEqual(new Set());
    expect(changes).toEqual([]);
  });

  it('takes off the list a view the store recorded before failing: nothing told names her', async () => {
    const startViewing = store.startViewing.bind(store);
    jest.spyOn(store, 'startViewing').mockImplementationOnce(async (view) => {
      await startViewing(view);
      throw new Error('the reply was lost');
    });
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT))).rejects.toMatchObject(refused);
    expect(await viewing.viewers('t1', PATIENT)).toEqual([]);
    expect(seated).toEqual(new Set());
    expect(who()).toEqual([[]]);
  });

  it('ends, and tells the clinic, the view a socket had of a chart it failed to start again', async () => {
    await viewing.start(provider, 'p-tab1', PATIENT, TAB, seat('p-tab1', PATIENT));
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    changes = [];
    jest.spyOn(store, 'startViewing').mockRejectedValueOnce(new Error('Redis is away'));
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT))).rejects.toMatchObject(refused);
    expect(seated).toEqual(new Set(['p-tab1|' + PATIENT]));
    expect(who()).toEqual([['provider']]);
    expect((await viewing.viewers('t1', PATIENT)).map((viewer) => viewer.userId)).toEqual(['provider']);
  });

  it('refuses a view the store failed to take even when the store fails to take it off', async () => {
    jest.spyOn(store, 'startViewing').mockRejectedValueOnce(new Error('Redis is away'));
    jest.spyOn(store, 'stopViewing').mockRejectedValueOnce(new Error('Redis is still away'));
    await expect(viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT))).rejects.toMatchObject(refused);
    expect(audit.closed).toHaveBeenCalledWith([expect.objectContaining({ socketId: 'n1' })], expect.any(Date));
    expect(seated).toEqual(new Set());
    expect(changes).toEqual([]);
  });

  it('continues the row of a swept view its node put back before the sweep ended its row', async () => {
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    const [swept] = await store.viewingsOf('t1', PATIENT);
    changes = [];
    // The node's renewal put the view back, and found its row still open, before it was ended here.
    await viewing.ended([swept], new Date());
    expect(audit.resumed).toHaveBeenCalledWith(swept);
    // Whatever the clinic is told still names her.
    expect(who().every((viewers) => viewers.includes('nurse'))).toBe(true);
  });

  it('does not continue the rows of views that stayed ended', async () => {
    await viewing.start(nurse, 'n1', PATIENT, TAB, seat('n1', PATIENT));
    const removed = await store.removeConnection('t1', 'n1', new Date());
    await viewing.ended(removed?.endedViewings ?? [], new Date());
    expect(audit.resumed).not.toHaveBeenCalled();
  });
});
