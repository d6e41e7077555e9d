import { Audience, TenantBroadcaster } from '@derm/api/realtime';
import { PresenceChanged } from '@derm/shared/contracts';
import { BatchedPresence, PRESENCE_BATCH_WINDOW_MS, PRESENCE_NEWCOMER_SPAN_MS } from './batched-presence';

const nurse = { userId: 'u1', name: 'Nora Quinn', role: 'nurse' as const };
const provider = { userId: 'u2', name: 'Priya Shah', role: 'provider' as const };
const frontDesk = { userId: 'u3', name: 'Finn Hale', role: 'front-desk' as const };
const lastSeenAt = '2026-12-01T15:00:00.000Z';

describe('BatchedPresence', () => {
  let sent: { to: Audience; event: string; changed: PresenceChanged }[];
  let batched: BatchedPresence;

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    const broadcaster = {
      signal: (to: Audience, event: string, changed: PresenceChanged) => sent.push({ to, event, changed }),
    } as unknown as TenantBroadcaster;
    batched = new BatchedPresence(broadcaster);
  });
  afterEach(() => {
    batched.onModuleDestroy();
    jest.useRealTimers();
  });

  it("sends a quiet clinic's change at once, to that clinic's batched sockets only", () => {
    batched.cameOnline('t1', nurse);
    expect(sent).toEqual([
      {
        to: { tenantId: 't1', rooms: ['tenant:t1:presence:batched'] },
        event: 'presence:changed',
        changed: { online: [nurse], offline: [] },
      },
    ]);
  });

  it('gathers what follows within the window into one packet, each person once in their latest state', () => {
    batched.cameOnline('t1', nurse);
    batched.cameOnline('t1', provider);
    batched.wentOffline('t1', { userId: nurse.userId, lastSeenAt });
    expect(sent).toHaveLength(1);

    jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
    expect(sent.map(({ changed }) => changed)).toEqual([
      { online: [nurse], offline: [] },
      { online: [provider], offline: [{ userId: nurse.userId, lastSeenAt }] },
    ]);
  });

  it('keeps one window per clinic', () => {
    batched.cameOnline('t1', nurse);
    batched.cameOnline('t2', provider);
    expect(sent.map(({ to }) => to.tenantId)).toEqual(['t1', 't2']);
  });

  it('sends at once again once a window has passed without a change', () => {
    batched.cameOnline('t1', nurse);
    jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
    batched.cameOnline('t1', provider);
    expect(sent.map(({ changed }) => changed.online)).toEqual([[nurse], [provider]]);
  });

  it('keeps gathering while changes keep coming: one packet per window', () => {
    batched.cameOnline('t1', nurse);
    batched.cameOnline('t1', provider);
    jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
    batched.wentOffline('t1', { userId: provider.userId, lastSeenAt });
    expect(sent).toHaveLength(2);
    jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
    expect(sent.map(({ changed }) => changed)).toEqual([
      { online: [nurse], offline: [] },
      { online: [provider], offline: [] },
      { online: [], offline: [{ userId: provider.userId, lastSeenAt }] },
    ]);
  });

  describe('sockets joining while a window is open', () => {
    const batchedRoom = 'tenant:t1:presence:batched';

    it("are sent only the window's changes from their join on, and left out of the whole window's packet", () => {
      batched.cameOnline('t1', nurse);
      batched.joined('t1', 'early');
      batched.cameOnline('t1', provider);
      jest.advanceTimersByTime(PRESENCE_NEWCOMER_SPAN_MS);
      batched.joined('t1', 'late');
      batched.joined('t1', 'later');
      batched.cameOnline('t1', frontDesk);
      jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);

      expect(sent.slice(1)).toEqual([
        {
          to: { tenantId: 't1', rooms: [batchedRoom], except: ['late', 'later'] },
          event: 'presence:changed',
          changed: { online: [provider, frontDesk], offline: [] },
        },
        {
          to: { tenantId: 't1', rooms: ['late', 'later'] },
          event: 'presence:changed',
          changed: { online: [frontDesk], offline: [] },
        },
      ]);
    });

    it('share one cut within a short span: each is sent at least every change since it joined', () => {
      batched.cameOnline('t1', nurse);
      batched.cameOnline('t1', provider);
      batched.joined('t1', 's1');
      batched.wentOffline('t1', { userId: provider.userId, lastSeenAt });
      batched.joined('t1', 's2');
      batched.cameOnline('t1', frontDesk);
      jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);

      expect(sent.slice(2)).toEqual([
        {
          to: { tenantId: 't1', rooms: ['s1', 's2'] },
          event: 'presence:changed',
          changed: { online: [frontDesk], offline: [{ userId: provider.userId, lastSeenAt }] },
        },
      ]);
    });

    it('are sent nothing when nothing changed after they joined', () => {
      batched.cameOnline('t1', nurse);
      batched.cameOnline('t1', provider);
      batched.joined('t1', 's1');
      jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
      expect(sent.slice(1).map(({ to }) => to)).toEqual([{ tenantId: 't1', rooms: [batchedRoom], except: ['s1'] }]);
    });

    it("get the whole window when they joined before its first change, and another clinic's window is not cut", () => {
      batched.cameOnline('t1', nurse);
      batched.joined('t1', 's1');
      batched.cameOnline('t2', nurse);
      batched.cameOnline('t2', provider);
      batched.joined('t2', 's2');
      batched.cameOnline('t1', provider);
      jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);

      expect(sent.slice(2)).toEqual([
        {
          to: { tenantId: 't1', rooms: [batchedRoom] },
          event: 'presence:changed',
          changed: { online: [provider], offline: [] },
        },
        {
          to: { tenantId: 't2', rooms: ['tenant:t2:presence:batched'], except: ['s2'] },
          event: 'presence:changed',
          changed: { online: [provider], offline: [] },
        },
      ]);
    });

    it('are not cut out of a later window', () => {
      batched.cameOnline('t1', nurse);
      batched.cameOnline('t1', provider);
      batched.joined('t1', 's1');
      jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
      batched.wentOffline('t1', { userId: nurse.userId, lastSeenAt });
      jest.advanceTimersByTime(PRESENCE_BATCH_WINDOW_MS);
      expect(sent.at(-1)?.to).toEqual({ tenantId: 't1', rooms: [batchedRoom] });
    });
  });
});
