import { EVENTS_PER_MINUTE_WINDOW } from '@derm/shared/contracts';
import { minuteOf, toWindow, windowMinutes } from './minutes';

describe('minutes', () => {
  const now = new Date('2030-01-01T10:15:42.123Z');

  it('start at the minute an instant falls in', () => {
    expect(new Date(minuteOf(now)).toISOString()).toBe('2030-01-01T10:15:00.000Z');
  });

  it('make a window of the last hour, oldest first, the current minute last', () => {
    const minutes = windowMinutes(now);
    expect(minutes).toHaveLength(EVENTS_PER_MINUTE_WINDOW);
    expect(new Date(minutes[0]).toISOString()).toBe('2030-01-01T09:16:00.000Z');
    expect(new Date(minutes[minutes.length - 1]).toISOString()).toBe('2030-01-01T10:15:00.000Z');
  });

  it('count 0 for a minute without events', () => {
    const counts = new Map([[minuteOf(now), 3]]);
    const window = toWindow(windowMinutes(now), (minute) => counts.get(minute) ?? 0);
    expect(window.at(-1)).toEqual({ minute: '2030-01-01T10:15:00.000Z', count: 3 });
    expect(window.at(-2)).toEqual({ minute: '2030-01-01T10:14:00.000Z', count: 0 });
  });
});
