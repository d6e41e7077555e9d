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
const refusal = (id: string, entry: Partial<OperationsRefusal> = {}): OperationsRefusal => ({
  id,
  code: 'REVOKED',
  at: '2030-01-01T10:01:30.000Z',
  user: { id: 'n', name: 'Nora Quinn' },
  count: 1,
  firstAt: '2030-01-01T10:01:30.000Z',
  ...entry,
});
const felix = { id: 'f', name: 'Felix Park' };

describe('operations state', () => {
  it('takes a minute count heard live, never lowering it', () => {
    const raised = countedMinute({ minute: '2030-01-01T10:01:00.000Z', count: 7 })(snapshot());
    expect(raised.eventsPerMinute[1].count).toBe(7);
    expect(countedMinute({ minute: '2030-01-01T10:01:00.000Z', count: 3 })(raised).eventsPerMinute[1].count).toBe(7);
    const next = countedMinute({ minute: '2030-01-01T10:02:00.000Z', count: 1 })(raised);
    expect(next.eventsPerMinute.map((bucket) => bucket.count)).toEqual([2, 7, 1]);
  });

  it('lists a refusal first, once', () => {
    const once = refused(refusal('b', { user: felix }))(snapshot({ refusals: [refusal('a')] }));
    expect(once.refusals.map((r) => r.id)).toEqual(['b', 'a']);
    expect(refused(refusal('b', { user: felix }))(once).refusals.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it("puts a person's refusal for the same reason first in place of their entry, and keeps others", () => {
    const nora = refusal('a', { code: 'TOO_MANY_CONNECTIONS' });
    const list = snapshot({ refusals: [refusal('b', { user: felix }), nora, refusal('c')] });
    const again = refusal('d', {
      code: 'TOO_MANY_CONNECTIONS',
      at: '2030-01-01T10:02:00.000Z',
      count: 2,
      firstAt: nora.at,
    });
    expect(refused(again)(list).refusals.map((r) => [r.id, r.count])).toEqual([
      ['d', 2],
      ['b', 1],
      ['c', 1],
    ]);
  });

  it('keeps the later entry when an earlier one of the same person and reason arrives late', () => {
    const later = refusal('d', { at: '2030-01-01T10:03:00.000Z', count: 3 });
    const list = snapshot({ refusals: [later] });
    expect(refused(refusal('c', { at: '2030-01-01T10:02:00.000Z', count: 2 }))(list)).toBe(list);
  });

  it('shows the hour up to now, filling quiet minutes and dropping older ones', () => {
    const hour = lastHour(snapshot().eventsPerMinute, new Date('2030-01-01T10:59:10.000Z'));
    expect(hour).toHaveLength(60);
    expect(hour[0]).toEqual({ minute: '2030-01-01T10:00:00.000Z', count: 2 });
    expect(hour[1]).toEqual({ minute: '2030-01-01T10:01:00.000Z', count: 5 });
    expect(hour[59]).toEqual({ minute: '2030-01-01T10:59:00.000Z', count: 0 });
    expect(lastHour(snapshot().eventsPerMinute, new Date('2030-01-01T11:00:00.000Z'))[0].minute).toBe(
      '2030-01-01T10:01:00.000Z',
    );
  });

  it('ends the hour with a minute heard before the page clock has reached it', () => {
    const heard = countedMinute({ minute: '2030-01-01T10:02:00.000Z', count: 1 })(snapshot()).eventsPerMinute;
    const hour = lastHour(heard, new Date('2030-01-01T10:01:50.000Z'));
    expect(hour).toHaveLength(60);
    expect(hour[59]).toEqual({ minute: '2030-01-01T10:02:00.000Z', count: 1 });
    expect(hour.reduce((sum, { count }) => sum + count, 0)).toBe(8);
  });
});
