import { RefusalTally } from './refusal-tally';

describe('RefusalTally', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets the first refusal of a period through, and reports the others once when it ends', () => {
    const reports: [string, number][] = [];
    const tally = new RefusalTally(1000, (key, more) => reports.push([key, more]));

    expect([tally.count('a'), tally.count('a'), tally.count('b'), tally.count('a')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    jest.advanceTimersByTime(999);
    expect(reports).toEqual([]);
    jest.advanceTimersByTime(1);
    // 'b' had no refusal beyond its first: nothing to report.
    expect(reports).toEqual([['a', 2]]);
    expect(tally.count('a')).toBe(true);
  });
});
