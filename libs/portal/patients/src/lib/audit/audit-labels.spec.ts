import { sessionLabel, viewDuration } from './audit-labels';

describe('sessionLabel', () => {
  it('names the browser and system, then the sign-in', () => {
    expect(sessionLabel({ client: 'Firefox 133 on macOS', session: '3f9a1c2b' })).toBe(
      'Firefox 133 on macOS · session 3f9a1c2b',
    );
  });
});

describe('viewDuration', () => {
  const at = (time: string) => `2030-01-01T${time}.000Z`;

  it('reads in seconds, minutes or hours', () => {
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('10:00:45') })).toBe('45 s');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('10:03:05') })).toBe('3 min 5 s');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('10:03:00') })).toBe('3 min');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('11:12:30') })).toBe('1 h 12 min');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('12:00:00') })).toBe('2 h');
  });

  it('has none while the chart is still open', () => {
    expect(viewDuration({ startedAt: at('10:00:00') })).toBeNull();
  });
});
