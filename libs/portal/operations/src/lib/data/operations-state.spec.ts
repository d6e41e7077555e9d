import { OperationsRefusal, OperationsSnapshot } from '@derm/shared/contracts';
import { countedMinute, lastHour, refused } from './operations-state';

const snapshot = (overrides: Partial<OperationsSnapshot> = {}): OperationsSnapshot => ({
  connectedStaff: [],
  eventsPerMinute: [
    { minute: '2030-01-01T10:00:00.000Z', count: 2 },
    { minute: '2030-01-01T10:01:00.000Z', count: 5 },
  ],
  refusals: [],
  scope: 'node',
  ...overrides,
});
const refusal = (id: string): OperationsRefusal => ({
  id,
  code: 'REVOKED',
  at: '2030-01-01T10:01:30.000Z',
  user: { id: 'n', name: 'Nora Quinn' },
});

describe('operations state', () => {
  it('takes a minute count heard live, never lowering it', () => {
    const raised = countedMinute({ minute: '2030-01-01T10:01:00.000Z', count: 7 })(snapshot());
    expect(raised.eventsPerMinute[1].count).toBe(7);
    expect(countedMinute({ minute: '2030-01-01T10:01:00.000Z', count: 3 })(raised).eventsPerMinute[1].count).toBe(7);
    const next = countedMinute({ minute: '2030-01-01T10:02:00.000Z', count: 1 })(raised);
    expect(next.eventsPerMinute.map((bucket) => bucket.count)).toEqual([2, 7, 1]);
  });

  it('lists a refusal first, once', () => {
    const once = refused(refusal('b'))(snapshot({ refusals: [refusal('a')] }));
    expect(once.refusals.map((r) => r.id)).toEqual(['b', 'a']);
    expect(refused(refusal('b'))(once).refusals.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('shows the hour up to now, filling quiet minutes and dropping older ones', () => {
    const hour = lastHour(snapshot().eventsPerMinute, new Date('2030-01-01T10:59:10.000Z'));
    expect(hour).toHaveLength(60);
    expect(hour[0]).toEqual({ minute: '2030-01-01T10:00:00.000Z', count: 2 });
    expect(hour[1]).toEqual({ minute: '2030-01-01T10:01:00.000Z', count: 5 });
    expect(hour[59]).toEqual({ minute: '2030-01-01T10:59:00.000Z', count: 0 });
    expect(lastHour(snapshot().eventsPerMinute, new Date('2030-01-01T11:00:00.000Z'))[0].minute).toBe('2030-01-01T10:01:00.000Z');
  });

  it('ends the hour with a minute heard before the page clock has reached it', () => {
    const heard = countedMinute({ minute: '2030-01-01T10:02:00.000Z', count: 1 })(snapshot()).eventsPerMinute;
    const hour = lastHour(heard, new Date('2030-01-01T10:01:50.000Z'));
    expect(hour).toHaveLength(60);
    expect(hour[59]).toEqual({ minute: '2030-01-01T10:02:00.000Z', count: 1 });
    expect(hour.reduce((sum, { count }) => sum + count, 0)).toBe(8);
  });
});
