import { AppConfig } from '@derm/api/config';
import { Typist, TypingTracker } from './typing-tracker';

describe('TypingTracker', () => {
  const LAPSE_MS = 5000;
  const typist = (overrides: Partial<Typist> = {}): Typist => ({
    tenantId: 't1',
    threadId: 'th1',
    userId: 'u1',
    name: 'Nora Quinn',
    socketId: 's1',
    ...overrides,
  });
  let tracker: TypingTracker;
  let lapsed: Typist[];

  beforeEach(() => {
    jest.useFakeTimers();
    tracker = new TypingTracker({ typingLapseMs: LAPSE_MS } as AppConfig);
    lapsed = [];
    tracker.onLapse((t) => lapsed.push(t));
  });
  afterEach(() => {
    tracker.onModuleDestroy();
    jest.useRealTimers();
  });

  it('lapses a start that is not renewed', () => {
    expect(tracker.start(typist())).toBe(true);
    jest.advanceTimersByTime(LAPSE_MS - 1);
    expect(lapsed).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lapsed).toEqual([typist()]);
    expect(tracker.stop(typist())).toBeUndefined();
  });

  it("lists a thread's typists until they stop or lapse, and no other thread's or clinic's", async () => {
    tracker.start(typist());
    tracker.start(typist({ userId: 'u2', socketId: 's2' }));
    tracker.start(typist({ threadId: 'th2' }));
    tracker.start(typist({ tenantId: 't2' }));
    expect(await tracker.typingIn('t1', 'th1')).toEqual([typist(), typist({ userId: 'u2', socketId: 's2' })]);
    tracker.stop(typist());
    expect(await tracker.typingIn('t1', 'th1')).toEqual([typist({ userId: 'u2', socketId: 's2' })]);
    jest.advanceTimersByTime(LAPSE_MS);
    expect(await tracker.typingIn('t1', 'th1')).toEqual([]);
  });

  it('postpones the lapse on each renewal', () => {
    tracker.start(typist());
    jest.advanceTimersByTime(LAPSE_MS - 1000);
    expect(tracker.start(typist())).toBe(false);
    jest.advanceTimersByTime(LAPSE_MS - 1);
    expect(lapsed).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lapsed).toHaveLength(1);
  });

  it('stops without a lapse afterwards', () => {
    tracker.start(typist());
    expect(tracker.stop(typist())).toEqual(typist());
    expect(tracker.stop(typist())).toBeUndefined();
    jest.advanceTimersByTime(LAPSE_MS * 2);
    expect(lapsed).toEqual([]);
  });

  it('stops only what one socket was typing, in one thread or all', () => {
    tracker.start(typist());
    tracker.start(typist({ threadId: 'th2' }));
    tracker.start(typist({ userId: 'u2', socketId: 's2' }));
    expect(tracker.stopSocket('s1', 'th2')).toEqual([typist({ threadId: 'th2' })]);
    expect(tracker.stopSocket('s1')).toEqual([typist()]);
    expect(tracker.stopSocket('s1')).toEqual([]);
    jest.advanceTimersByTime(LAPSE_MS);
    expect(lapsed).toEqual([typist({ userId: 'u2', socketId: 's2' })]);
  });
});
