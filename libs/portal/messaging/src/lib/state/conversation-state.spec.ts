import { ChatMessage } from '@derm/shared/contracts';
import { firstUnread, mergeMessages, noteText, seenBy, typingLabel } from './conversation-state';

const message = (id: string, senderId: string, second: number): ChatMessage => ({
  id,
  kind: 'message',
  senderId,
  senderName: senderId,
  body: id,
  sentAt: `2025-01-01T10:00:${String(second).padStart(2, '0')}.000Z`,
});

describe('conversation state', () => {
  it('merges messages once each, in thread order', () => {
    const a = message('a', 'ana', 1);
    const b = message('b', 'nora', 2);
    const c = message('c', 'ana', 2);
    expect(mergeMessages([b, a], [c, a]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it("places each colleague under the last message of someone else's they have read", () => {
    const messages = [message('m1', 'ana', 1), message('m2', 'nora', 2), message('m3', 'felix', 3)];
    const participants = [
      { id: 'ana', name: 'Ana', active: true },
      { id: 'nora', name: 'Nora', active: true },
      { id: 'felix', name: 'Felix', active: true },
      { id: 'theo', name: 'Theo', active: true },
    ];
    expect(seenBy(messages, participants, { ana: 'm3', nora: 'm2', felix: 'm3', theo: 'unknown' }, 'ana')).toEqual({
      m1: ['Nora'],
      m2: ['Felix'],
    });
    expect(seenBy(messages, participants, {}, 'ana')).toEqual({});
  });

  it('says who of those who have seen a message is no longer active', () => {
    const messages = [message('m1', 'ana', 1)];
    const participants = [
      { id: 'ana', name: 'Ana', active: true },
      { id: 'nora', name: 'Nora', active: false },
      { id: 'felix', name: 'Felix', active: true },
    ];
    expect(seenBy(messages, participants, { nora: 'm1', felix: 'm1' }, 'ana')).toEqual({
      m1: ['Nora (no longer active)', 'Felix'],
    });
  });

  it('never places a colleague under a note', () => {
    const note: ChatMessage = { ...message('n1', 'theo', 2), kind: 'joined', body: '' };
    const messages = [message('m1', 'ana', 1), note];
    const participants = [
      { id: 'ana', name: 'Ana', active: true },
      { id: 'nora', name: 'Nora', active: true },
    ];
    expect(seenBy(messages, participants, { nora: 'n1' }, 'ana')).toEqual({ m1: ['Nora'] });
  });

  it('says who joined, added by whom, and who left, with "you" for the reader', () => {
    const ana = { id: 'ana', name: 'Dr. Ana Ortiz' };
    const joined: ChatMessage = {
      ...message('n1', 'felix', 1),
      kind: 'joined',
      senderName: 'Felix Park',
      body: '',
      addedBy: ana,
    };
    expect(noteText(joined, 'nora')).toBe('Dr. Ana Ortiz added Felix Park');
    expect(noteText(joined, 'ana')).toBe('You added Felix Park');
    expect(noteText(joined, 'felix')).toBe('Dr. Ana Ortiz added you');
    // Who added them is no longer known.
    expect(noteText({ ...joined, addedBy: undefined }, 'nora')).toBe('Felix Park joined');
    expect(noteText({ ...joined, kind: 'left' }, 'nora')).toBe('Felix Park left');
  });

  it('puts "New" before the first message of someone else’s after the read position', () => {
    const joined: ChatMessage = { ...message('n1', 'felix', 2), kind: 'joined', body: '' };
    const messages = [message('m1', 'ana', 1), joined, message('m2', 'nora', 3), message('m3', 'ana', 4)];
    expect(firstUnread(messages, 'm1', 'nora')).toBe('m3');
    expect(firstUnread(messages, 'm1', 'felix')).toBe('m2');
    expect(firstUnread(messages, undefined, 'nora')).toBe('m1');
    // Read up to a line older than the loaded ones: everything loaded is after it.
    expect(firstUnread(messages, 'older', 'nora')).toBe('m1');
    expect(firstUnread(messages, 'm3', 'nora')).toBeNull();
  });

  it('names one, two or several typists', () => {
    expect(typingLabel([])).toBe('');
    expect(typingLabel(['Ana'])).toBe('Ana is typing…');
    expect(typingLabel(['Ana', 'Nora'])).toBe('Ana and Nora are typing…');
    expect(typingLabel(['Ana', 'Nora', 'Felix'])).toBe('Ana, Nora and 1 other are typing…');
    expect(typingLabel(['Ana', 'Nora', 'Felix', 'Theo'])).toBe('Ana, Nora and 2 others are typing…');
  });
});
