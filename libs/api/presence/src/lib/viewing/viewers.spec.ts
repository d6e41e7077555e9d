import { PresenceViewing } from '../store/presence-store';
import { changesViewers, toViewers } from './viewers';

const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 9, 0, second));
const viewing = (userId: string, socketId: string, second: number): PresenceViewing => ({
  tenantId: 't1',
  patientId: 'p1',
  userId,
  name: userId.toUpperCase(),
  socketId,
  startedAt: at(second),
});

describe('toViewers', () => {
  it('lists each person once, since their earliest tab, in the order they arrived', () => {
    const viewers = toViewers([viewing('b', 'b2', 30), viewing('a', 'a1', 20), viewing('b', 'b1', 10)]);
    expect(viewers).toEqual([
      { userId: 'b', name: 'B', since: at(10).toISOString() },
      { userId: 'a', name: 'A', since: at(20).toISOString() },
    ]);
  });
});

describe('changesViewers', () => {
  const first = viewing('a', 'a1', 1);
  const second = viewing('a', 'a2', 2);

  it('counts a second tab of the same person as no change', () => {
    expect(changesViewers(first, [first])).toBe(true);
    expect(changesViewers(second, [first, second])).toBe(false);
  });

  it('counts closing one of two tabs as no change, and the last one as a change', () => {
    expect(changesViewers(first, [second])).toBe(false);
    expect(changesViewers(second, [])).toBe(true);
  });
});
