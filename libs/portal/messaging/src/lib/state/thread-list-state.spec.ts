import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import {
  byRecentActivity,
  withChangeOf,
  withMessage,
  withOlderThreads,
  withParticipantActive,
  withParticipants,
  withRead,
  withoutParticipant,
  withThread,
} from './thread-list-state';

const thread = (id: string, lastActivityAt: string, lastMessage?: ChatMessage): ThreadSummary => ({
  id,
  subject: id,
  participants: [],
  unread: 0,
  readBy: {},
  lastActivityAt,
  ...(lastMessage ? { lastMessage } : {}),
});
const message = (id: string, sentAt: string): ChatMessage => ({
  id,
  kind: 'message',
  senderId: 'nora',
  senderName: 'Nora',
  body: id,
  sentAt,
});

describe('thread list state', () => {
  it('moves a thread with a new message to the top, with its time as the last activity, its sender having read it', () => {
    const list = [thread('a', '2025-01-01T09:00:00.000Z'), thread('b', '2025-01-01T08:00:00.000Z')];
    const next = withMessage(list, 'b', message('m1', '2025-01-01T10:00:00.000Z'));
    expect(next?.map((t) => t.id)).toEqual(['b', 'a']);
    expect(next?.[0]).toMatchObject({
      lastActivityAt: '2025-01-01T10:00:00.000Z',
      lastMessage: { id: 'm1' },
      readBy: { nora: 'm1' },
    });
  });

  it('keeps the order when a message of a thread further down is still older than the top one', () => {
    const list = [
      thread('a', '2025-01-01T11:00:00.000Z'),
      thread('b', '2025-01-01T08:00:00.000Z'),
      thread('c', '2025-01-01T07:00:00.000Z'),
    ];
    expect(withMessage(list, 'c', message('m1', '2025-01-01T10:00:00.000Z'))?.map((t) => t.id)).toEqual([
      'a',
      'c',
      'b',
    ]);
  });

  it('keeps the latest message when an older one arrives late, and knows nothing of other threads', () => {
    const latest = message('m2', '2025-01-01T10:00:05.000Z');
    const list = [thread('a', '2025-01-01T09:00:00.000Z'), thread('b', latest.sentAt, latest)];
    expect(withMessage(list, 'b', message('m1', '2025-01-01T10:00:00.000Z'))).toEqual(list);
    expect(withMessage(list, 'c', latest)).toBeNull();
  });

  it('orders like the API: latest activity first, then by id', () => {
    const same = '2025-01-01T09:00:00.000Z';
    const list = [
      thread('b', same),
      thread('old', '2025-01-01T08:00:00.000Z'),
      thread('a', same),
      thread('new', '2025-01-01T10:00:00Z'),
    ];
    expect(byRecentActivity(list).map((t) => t.id)).toEqual(['new', 'a', 'b', 'old']);
  });

  it('adds a thread in order, once, its newer state replacing the listed one', () => {
    const list = [thread('a', '2025-01-01T09:00:00.000Z'), thread('b', '2025-01-01T07:00:00.000Z')];
    const added = withThread(list, thread('c', '2025-01-01T08:00:00.000Z'));
    expect(added.map((t) => t.id)).toEqual(['a', 'c', 'b']);
    const moved = withThread(added, thread('b', '2025-01-01T10:00:00.000Z', message('m1', '2025-01-01T10:00:00.000Z')));
    expect(moved.map((t) => t.id)).toEqual(['b', 'a', 'c']);
    expect(moved[0].lastMessage?.id).toBe('m1');
    expect(list.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it("moves a reader's position", () => {
    const [updated] = withRead([thread('a', '2025-01-01T09:00:00.000Z')], {
      threadId: 'a',
      messageId: 'm1',
      readerId: 'ana',
      readAt: '',
    });
    expect(updated.readBy).toEqual({ ana: 'm1' });
  });

  it('adds an older page in order, keeping the newer state of a thread listed since it moved up', () => {
    const moved = thread('c', '2025-01-01T10:00:00.000Z', message('m9', '2025-01-01T10:00:00.000Z'));
    const shown = { items: [moved, thread('a', '2025-01-01T09:00:00.000Z')], nextCursor: 'after-a' };
    const older = {
      items: [thread('b', '2025-01-01T08:00:00.000Z'), thread('c', '2025-01-01T07:00:00.000Z')],
      nextCursor: null,
    };
    const next = withOlderThreads(shown, older);
    expect(next.items.map((t) => t.id)).toEqual(['c', 'a', 'b']);
    expect(next.items[0]).toBe(moved);
    expect(next.nextCursor).toBeNull();
  });

  it('moves one thread held on its own as the list would, and only for its own changes', () => {
    const alone = thread('a', '2025-01-01T09:00:00.000Z');
    const read = { threadId: 'a', messageId: 'm1', readerId: 'ana', readAt: '' };
    expect(withChangeOf(alone, (threads) => withRead(threads, read))?.readBy).toEqual({ ana: 'm1' });
    const sent = message('m2', '2025-01-01T10:00:00.000Z');
    expect(withChangeOf(alone, (threads) => withMessage(threads, 'a', sent))).toMatchObject({
      lastMessage: sent,
      lastActivityAt: sent.sentAt,
      readBy: { nora: 'm2' },
    });

    expect(withChangeOf(alone, (threads) => withRead(threads, { ...read, threadId: 'b' }))).toEqual(alone);
    expect(withChangeOf(alone, (threads) => withMessage(threads, 'b', sent))).toBe(alone);
    expect(withChangeOf(null, (threads) => withRead(threads, read))).toBeNull();
  });

  it('puts everyone a thread has after colleagues joined it, and says when the thread is new to the list', () => {
    const list = [thread('a', '2025-01-01T09:00:00.000Z'), thread('b', '2025-01-01T08:00:00.000Z')];
    const participants = [
      { id: 'ana', name: 'Dr. Ana Ortiz', active: true },
      { id: 'felix', name: 'Felix Park', active: true },
    ];
    const added = withParticipants(list, { threadId: 'b', participants, addedIds: ['felix'], notes: [] });
    expect(added?.map((t) => t.participants)).toEqual([[], participants]);
    expect(added?.map((t) => t.id)).toEqual(['a', 'b']);
    expect(withParticipants(list, { threadId: 'c', participants, addedIds: ['felix'], notes: [] })).toBeNull();
  });

  it('takes a thread someone left from their list, and shows the others who remains', () => {
    const list = [thread('a', '2025-01-01T09:00:00.000Z'), thread('b', '2025-01-01T08:00:00.000Z')];
    const remaining = [{ id: 'ana', name: 'Dr. Ana Ortiz', active: true }];
    const left = {
      threadId: 'b',
      participants: remaining,
      leftId: 'felix',
      note: message('n1', '2025-01-01T10:00:00.000Z'),
    };
    expect(withoutParticipant(list, left, 'felix').map((t) => t.id)).toEqual(['a']);
    const seenByOthers = withoutParticipant(list, left, 'ana');
    expect(seenByOthers.map((t) => [t.id, t.participants])).toEqual([
      ['a', []],
      ['b', remaining],
    ]);
    expect(withoutParticipant(list, { ...left, threadId: 'c' }, 'ana')).toEqual(list);
  });

  it('marks a colleague deactivated, then reactivated, in every thread they are in, and leaves the others as they are', () => {
    const nora = { id: 'nora', name: 'Nora Quinn', active: true };
    const ana = { id: 'ana', name: 'Dr. Ana Ortiz', active: true };
    const list = [
      { ...thread('a', '2025-01-01T09:00:00.000Z'), participants: [ana, nora] },
      { ...thread('b', '2025-01-01T08:00:00.000Z'), participants: [ana] },
      { ...thread('c', '2025-01-01T07:00:00.000Z'), participants: [nora] },
    ];
    const deactivated = withParticipantActive(list, { id: 'nora', active: false });
    expect(deactivated.map((t) => t.participants)).toEqual([
      [ana, { ...nora, active: false }],
      [ana],
      [{ ...nora, active: false }],
    ]);
    expect(deactivated[1]).toBe(list[1]);
    expect(withParticipantActive(deactivated, { id: 'nora', active: false })).toEqual(deactivated);
    expect(withParticipantActive(deactivated, { id: 'nora', active: true })).toEqual(list);
    expect(withParticipantActive(list, { id: 'theo', active: false })).toEqual(list);
  });
});
