import { isAfter, readPosition } from './read-position';

describe('read positions', () => {
  const at = new Date('2025-01-01T10:00:00.000Z');

  it('orders by time, then by id within the same millisecond', () => {
    expect(isAfter({ id: 'b', sentAt: new Date(at.getTime() + 1) }, { id: 'z', sentAt: at })).toBe(true);
    expect(isAfter({ id: 'b', sentAt: at }, { id: 'a', sentAt: at })).toBe(true);
    expect(isAfter({ id: 'a', sentAt: at }, { id: 'a', sentAt: at })).toBe(false);
    expect(isAfter({ id: 'z', sentAt: at }, { id: 'a', sentAt: new Date(at.getTime() + 1) })).toBe(false);
  });

  it('puts every message after "nothing read yet"', () => {
    expect(readPosition({ lastReadMessageId: null, lastReadSentAt: null })).toBeNull();
    expect(isAfter({ id: 'a', sentAt: at }, null)).toBe(true);
    expect(readPosition({ lastReadMessageId: 'a', lastReadSentAt: at })).toEqual({ id: 'a', sentAt: at });
  });
});
