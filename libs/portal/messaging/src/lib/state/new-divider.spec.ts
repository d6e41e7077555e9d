import { ChatMessage } from '@derm/shared/contracts';
import { NewDivider, OpenThreadView, placeNew } from './new-divider';

const line = (id: string, senderId: string, second: number): ChatMessage => ({
  id,
  kind: 'message',
  senderId,
  senderName: senderId,
  body: id,
  sentAt: `2026-12-01T10:00:${String(second).padStart(2, '0')}.000Z`,
});

/** `placeNew` over what the page learns, one step after another. */
function placeAlong(...steps: Omit<OpenThreadView, 'myId'>[]): NewDivider {
  return steps.reduce<NewDivider | undefined>(
    (previous, step) => placeNew(previous, { ...step, myId: 'nora' }),
    undefined,
  ) as NewDivider;
}

describe('"New" in an open thread', () => {
  const read = line('m1', 'ana', 1);
  const mine = line('m2', 'nora', 2);
  const unseen = line('m3', 'ana', 3);
  const live = line('m4', 'felix', 4);

  it('stands before the first unread line of someone else’s, once the unread counts are known', () => {
    expect(
      placeAlong({ lines: null, reading: null }, { lines: [read, unseen], reading: { unread: 1, readId: 'm1' } }),
    ).toEqual(expect.objectContaining({ taken: true, messageId: 'm3' }));
  });

  it('waits for the unread counts, and is not there when nothing is unread', () => {
    expect(placeAlong({ lines: [read, unseen], reading: null })).toEqual(expect.objectContaining({ taken: false }));
    expect(placeAlong({ lines: [read, unseen], reading: { unread: 0, readId: 'm3' } })).toEqual(
      expect.objectContaining({ taken: true, messageId: null }),
    );
  });

  it('is not put before a line that arrived while the thread was on screen, before the counts came', () => {
    expect(
      placeAlong(
        { lines: [read, mine], reading: null },
        { lines: [read, mine, live], reading: { unread: 1, readId: 'm2' } },
      ),
    ).toEqual(expect.objectContaining({ taken: true, messageId: null }));
  });

  it('stays before the lines that were unread when the thread showed, not before one that arrived since', () => {
    expect(
      placeAlong(
        { lines: [read, unseen], reading: null },
        { lines: [read, unseen, live], reading: { unread: 2, readId: 'm1' } },
      ),
    ).toEqual(expect.objectContaining({ messageId: 'm3' }));
  });

  it('stays where it was placed through a reload and live replies', () => {
    expect(
      placeAlong(
        { lines: [read, unseen], reading: { unread: 1, readId: 'm1' } },
        { lines: null, reading: { unread: 0, readId: 'm3' } },
        { lines: [read, unseen, live], reading: { unread: 1, readId: 'm3' } },
      ),
    ).toEqual(expect.objectContaining({ taken: true, messageId: 'm3' }));
  });
});
