import { NotificationView } from '@derm/shared/contracts';
import { acknowledged, appended, counted, EMPTY_INBOX, loaded, readSynced, received } from './inbox-state';

const at = (minute: number) => `2030-01-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const notice = (id: string, minute: number, extra: Partial<NotificationView> = {}): NotificationView => ({
  id,
  kind: 'general',
  title: id,
  priority: 'normal',
  createdAt: at(minute),
  requiresAck: false,
  ...extra,
});
const alert = (id: string, minute: number) =>
  notice(id, minute, { kind: 'urgent-alert', priority: 'urgent', requiresAck: true });

describe('inbox state', () => {
  it('keeps unread first, newest first', () => {
    const state = [notice('a', 1), notice('b', 2, { readAt: at(3) }), notice('c', 3)].reduce(
      (current, n) => received(n)(current),
      EMPTY_INBOX,
    );
    expect(state.items.map((n) => n.id)).toEqual(['c', 'a', 'b']);
  });

  it('queues an urgent alert once, even when it is delivered again, and drops it when read elsewhere', () => {
    let state = received(alert('x', 1))(EMPTY_INBOX);
    state = received(alert('x', 1))(state);
    state = received(alert('y', 2))(state);
    expect(state.awaitingAck.map((n) => n.id)).toEqual(['x', 'y']);
    expect(state.items).toHaveLength(2);
    state = readSynced({ ids: ['x'] }, at(5))(state);
    expect(state.awaitingAck.map((n) => n.id)).toEqual(['y']);
    expect(state.items.find((n) => n.id === 'x')?.readAt).toBe(at(5));
  });

  it('reads, on mark all read elsewhere, what came up to then and asks for no acknowledgement', () => {
    let state = [notice('old', 1), alert('urgent', 2), notice('then', 3), notice('later', 4)].reduce(
      (current, n) => received(n)(current),
      EMPTY_INBOX,
    );
    state = readSynced({ ids: [], allUpTo: at(3) }, at(5))(state);
    expect(state.items.map((n) => [n.id, n.readAt ?? null])).toEqual([
      ['later', null],
      ['urgent', null],
      ['then', at(5)],
      ['old', at(5)],
    ]);
    expect(state.awaitingAck.map((n) => n.id)).toEqual(['urgent']);
  });

  it('acknowledges: read, acknowledged and out of the queue', () => {
    const state = acknowledged('x', at(4))(received(alert('x', 1))(EMPTY_INBOX));
    expect(state.awaitingAck).toEqual([]);
    expect(state.items[0]).toMatchObject({ readAt: at(4), acknowledgedAt: at(4) });
  });

  it('replaces the list with a fresh page, keeping alerts still waiting beyond it, oldest first', () => {
    const before = received(alert('old', 1))(received(notice('gone', 2))(EMPTY_INBOX));
    const state = loaded({ items: [alert('new', 5), notice('n', 4)], unreadCount: 7, nextCursor: 'next' })(before);
    expect(state.items.map((n) => n.id)).toEqual(['new', 'n']);
    expect(state.unreadCount).toBe(7);
    expect(state.awaitingAck.map((n) => n.id)).toEqual(['old', 'new']);
    expect(state.nextCursor).toBe('next');
  });

  it('drops from the queue an alert the fresh page shows acknowledged', () => {
    const before = received(alert('x', 1))(EMPTY_INBOX);
    const state = loaded({
      items: [{ ...alert('x', 1), acknowledgedAt: at(2), readAt: at(2) }],
      unreadCount: 0,
      nextCursor: null,
    })(before);
    expect(state.awaitingAck).toEqual([]);
    expect(state.nextCursor).toBeNull();
  });

  it('drops from the queue an alert acknowledged elsewhere that a fresh page would have listed if it were not', () => {
    const unreadNotices = (from: number) => [notice('n2', from + 2), notice('n1', from + 1)];
    const queued = received(alert('recent', 5))(received(alert('older', 1))(EMPTY_INBOX));
    // Unread come first, newest first: an alert newer than the page's last unread one is read.
    const fullPage = loaded({ items: unreadNotices(2), unreadCount: 30, nextCursor: 'next' })(queued);
    expect(fullPage.awaitingAck.map((n) => n.id)).toEqual(['older']);
    // A page that reaches the read ones lists every unread one.
    const lastPage = [...unreadNotices(2), notice('r', 0, { readAt: at(3) })];
    expect(loaded({ items: lastPage, unreadCount: 2, nextCursor: 'next' })(queued).awaitingAck).toEqual([]);
    expect(loaded({ items: unreadNotices(2), unreadCount: 2, nextCursor: null })(queued).awaitingAck).toEqual([]);
  });

  it('appends older pages once each, and takes the server’s count as it comes', () => {
    const shown = received(notice('a', 1))(EMPTY_INBOX);
    const older = { items: [notice('a', 1), notice('older', 0)], unreadCount: 9, nextCursor: null };
    const state = counted(3)(appended(older)(shown));
    expect(state.items.map((n) => n.id)).toEqual(['a', 'older']);
    expect(state.unreadCount).toBe(3);
    expect(state.nextCursor).toBeNull();
  });
});
