import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuthenticatedUser } from '@derm/api/auth';
import { AppConfig } from '@derm/api/config';
import { DomainEvents } from '@derm/api/events';
import { PatientsService } from '@derm/api/patients';
import { PatientViewAuditService } from './audit/patient-view-audit.service';
import { ChartViewAuditWrites } from './viewing/chart-view-audit-writes';
import { StaffCameOnline } from './events/staff-came-online.event';
import { StaffWentOffline } from './events/staff-went-offline.event';
import { PresenceService } from './presence.service';
import { InMemoryPresenceStore } from './store/in-memory-presence.store';
import { PresenceNode } from './store/presence-node';
import { PatientViewingService } from './viewing/patient-viewing.service';

const GRACE_MS = 1000;
const nurse: AuthenticatedUser = { tenantId: 't1', userId: 'u1', name: 'Nora Quinn', role: 'nurse' };
const node = new PresenceNode({ presenceEntryTtlMs: 30_000, presenceRenewEveryMs: 10_000 } as AppConfig);

describe('PresenceService', () => {
  let events: EventEmitter2;
  let online: StaffCameOnline[];
  let offline: StaffWentOffline[];
  let ended: jest.Mock;
  let store: InMemoryPresenceStore;
  let presence: PresenceService;

  beforeEach(() => {
    jest.useFakeTimers();
    events = new EventEmitter2();
    online = [];
    offline = [];
    events.on(StaffCameOnline.name, (event: StaffCameOnline) => online.push(event));
    events.on(StaffWentOffline.name, (event: StaffWentOffline) => offline.push(event));
    ended = jest.fn().mockResolvedValue(undefined);
    store = new InMemoryPresenceStore({ ttlMs: node.ttlMs });
    presence = new PresenceService(
      store,
      node,
      { presenceGraceMs: GRACE_MS } as AppConfig,
      {
        ended,
        inTurn: (_socketId: string, step: () => Promise<unknown>) => step(),
      } as unknown as PatientViewingService,
      new DomainEvents(events),
    );
  });
  afterEach(() => {
    presence.onModuleDestroy();
    jest.useRealTimers();
  });

  it('announces the first socket of a user, not the second', async () => {
    await presence.connect(nurse, 's1');
    await presence.connect(nurse, 's2');
    expect(online).toEqual([
      expect.objectContaining({ tenantId: 't1', userId: 'u1', name: 'Nora Quinn', role: 'nurse' }),
    ]);
    expect(await presence.online('t1')).toEqual([
      { userId: 'u1', name: 'Nora Quinn', role: 'nurse', since: expect.any(String) },
    ]);
  });

  it('announces offline only once the last socket has been gone for the grace period', async () => {
    await presence.connect(nurse, 's1');
    await presence.connect(nurse, 's2');
    await presence.disconnect(nurse, 's1');
    await jest.advanceTimersByTimeAsync(GRACE_MS * 2);
    expect(offline).toEqual([]);

    await presence.disconnect(nurse, 's2');
    await jest.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(offline).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(offline).toEqual([expect.objectContaining({ tenantId: 't1', userId: 'u1', lastSeenAt: expect.any(Date) })]);
    expect(await presence.online('t1')).toEqual([]);
  });

  it('treats a reconnect within the grace period as if nothing happened', async () => {
    await presence.connect(nurse, 's1');
    await presence.disconnect(nurse, 's1');
    await jest.advanceTimersByTimeAsync(GRACE_MS / 2);
    await presence.connect(nurse, 's2');
    await jest.advanceTimersByTimeAsync(GRACE_MS * 2);
    expect(online).toHaveLength(1);
    expect(offline).toEqual([]);
  });

  it('ends the viewings of a socket as it disconnects', async () => {
    await presence.connect(nurse, 's1');
    await presence.disconnect(nurse, 's1');
    expect(ended).toHaveBeenCalledWith([], expect.any(Date));
  });

  it('announces the user whose failed connect had put them online when its socket is removed, then the grace', async () => {
    const since = new Date();
    jest.spyOn(store, 'removeConnection').mockResolvedValueOnce({
      remainingSockets: 0,
      lastSeenAt: since,
      endedViewings: [],
      unannounced: { tenantId: 't1', userId: 'u1', name: 'Nora Quinn', role: 'nurse', since },
    });
    await presence.disconnect(nurse, 's1');
    expect(online).toEqual([
      expect.objectContaining({ tenantId: 't1', userId: 'u1', name: 'Nora Quinn', role: 'nurse' }),
    ]);
    // The store, left by the mock without the user, settles nobody: the grace started all the same.
    const settle = jest.spyOn(store, 'settleOffline');
    await jest.advanceTimersByTimeAsync(GRACE_MS);
    expect(settle).toHaveBeenCalledWith('t1', 'u1', since);
    expect(online).toHaveLength(1);
  });

  it('ignores a disconnect it never saw connect', async () => {
    await presence.disconnect(nurse, 'unknown');
    expect(ended).not.toHaveBeenCalled();
  });
});

describe('PresenceService with the viewings of a socket', () => {
  it('ends a view still being recorded when its socket disconnects, once it is recorded', async () => {
    const store = new InMemoryPresenceStore({ ttlMs: node.ttlMs });
    // The audit rows still open, by socket: recorded once `opened` settles, as a database insert would be.
    const openRows = new Set<string>();
    let recordingStarted!: () => void;
    const recording = new Promise<void>((resolve) => (recordingStarted = resolve));
    let recorded!: () => void;
    const audit = {
      opened: ({ socketId }: { socketId: string }) => {
        recordingStarted();
        return new Promise<void>((resolve) => {
          recorded = () => {
            openRows.add(socketId);
            resolve();
          };
        });
      },
      closed: async (viewings: { socketId: string }[]) => viewings.forEach(({ socketId }) => openRows.delete(socketId)),
    };
    const events = new DomainEvents(new EventEmitter2());
    const viewing = new PatientViewingService(
      store,
      { get: async () => undefined } as unknown as PatientsService,
      audit as unknown as PatientViewAuditService,
      new ChartViewAuditWrites(),
      events,
    );
    const presence = new PresenceService(store, node, { presenceGraceMs: GRACE_MS } as AppConfig, viewing, events);
    await presence.connect(nurse, 's1');
    const seat = { taken: false, take: async () => undefined, leave: async () => undefined };

    const started = viewing.inTurn('s1', () =>
      viewing.start(nurse, 's1', 'p1', { signInSessionId: 'sign-in-1' }, seat),
    );
    await recording;
    const disconnected = presence.disconnect(nurse, 's1');
    await new Promise(setImmediate);
    recorded();
    await Promise.all([started, disconnected]);

    expect(openRows).toEqual(new Set());
    expect(await store.viewingsOf('t1', 'p1')).toEqual([]);
    presence.onModuleDestroy();
  });
});
