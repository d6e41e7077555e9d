import { RefusalTally } from './refusal-tally';

describe('RefusalTally', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets the first refusal of a period through, and reports the others by kind once when it ends', () => {
    const reports: [string, [string, number][]][] = [];
    const tally = new RefusalTally(1000, (key, more) => reports.push([key, [...more]]));

    expect([
      tally.count('a', 'x'),
      tally.count('a', 'x'),
      tally.count('b', 'x'),
      tally.count('a', 'y'),
      tally.count('a', 'x'),
    ]).toEqual([true, false, true, false, false]);
    jest.advanceTimersByTime(999);
    expect(reports).toEqual([]);
    jest.advanceTimersByTime(1);
    // 'b' had no refusal beyond its first: nothing to report.
    expect(reports).toEqual([
      [
        'a',
        [
          ['x', 2],
          ['y', 1],
        ],
      ],
    ]);
    expect(tally.count('a', 'y')).toBe(true);
  });
});
