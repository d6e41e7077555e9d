import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { withMessage, withRead } from './thread-list-state';

const thread = (id: string, lastMessage?: ChatMessage): ThreadSummary => ({
  id,
  subject: id,
  participants: [],
  unread: 0,
  readBy: {},
  ...(lastMessage ? { lastMessage } : {}),
});
const message = (id: string, sentAt: string): ChatMessage => ({ id, senderId: 'nora', senderName: 'Nora', body: id, sentAt });

describe('thread list state', () => {
  it('moves a thread with a new message to the top, its sender having read it', () => {
    const next = withMessage([thread('a'), thread('b')], 'b', message('m1', '2025-01-01T10:00:00.000Z'));
    expect(next?.map((t) => t.id)).toEqual(['b', 'a']);
    expect(next?.[0]).toMatchObject({ lastMessage: { id: 'm1' }, readBy: { nora: 'm1' } });
  });

  it('keeps the latest message when an older one arrives late, and knows nothing of other threads', () => {
    const latest = message('m2', '2025-01-01T10:00:05.000Z');
    const list = [thread('a'), thread('b', latest)];
    expect(withMessage(list, 'b', message('m1', '2025-01-01T10:00:00.000Z'))).toEqual(list);
    expect(withMessage(list, 'c', latest)).toBeNull();
  });

  it("moves a reader's position", () => {
    const [updated] = withRead([thread('a')], { threadId: 'a', messageId: 'm1', readerId: 'ana', readAt: '' });
    expect(updated.readBy).toEqual({ ana: 'm1' });
  });
});
