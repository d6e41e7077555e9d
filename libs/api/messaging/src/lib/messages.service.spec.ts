import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { ThreadSummary } from '@derm/shared/contracts';
import { createMessagingTestBed, MessagingTestBed } from '../testing/messaging-test-bed';
import { MessageRead } from './events/message-read.event';
import { MessageSent } from './events/message-sent.event';
import { UnreadCountChanged } from './events/unread-count-changed.event';

/** The third write of a post (the sender's read position) is refused by the database itself. */
async function expectNothingKeptWhenTheReadPositionFails(bed: MessagingTestBed, thread: ThreadSummary) {
  const { provider, nurse } = bed.users;
  bed.emitted.length = 0;
  await bed.refuseUpdates('thread_participants');
  const key = 'key-of-the-failed-post';
  await expect(bed.messages.post(nurse, thread.id, 'Room 2 is ready', key)).rejects.toThrow('refused');
  await bed.allowUpdates('thread_participants');

  expect(bed.emitted).toEqual([]);
  expect((await bed.messages.list(provider, thread.id)).items).toEqual([]);
  const [summary] = (await bed.threads.listMine(provider, { size: 50 })).items;
  expect(summary).toMatchObject({ id: thread.id, unread: 0 });
  expect(summary.lastMessage).toBeUndefined();
  // The rollback released the key with the rest: the retry is posted.
  const second = await bed.messages.post(nurse, thread.id, 'Room 2 is ready', key);
  expect((await bed.messages.list(provider, thread.id)).items.map((message) => message.id)).toEqual([second.id]);
  const [moved] = (await bed.threads.listMine(provider, { size: 50 })).items;
  expect(moved.lastActivityAt).toBe(second.sentAt);
}

describe('MessagesService', () => {
  let bed: MessagingTestBed;
  let thread: ThreadSummary;

  beforeEach(async () => {
    bed = await createMessagingTestBed();
    const { provider, nurse } = bed.users;
    thread = await bed.threads.create(nurse, { participantIds: [provider.userId, bed.users.frontDesk.userId] });
  });
  afterEach(() => bed.close());

  it('persists a message, then announces it to every participant and the new counts to the others', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const message = await bed.messages.post(nurse, thread.id, 'Room 2 is ready');
    expect(message).toEqual({
      id: expect.any(String),
      kind: 'message',
      senderId: nurse.userId,
      senderName: 'Nora Quinn',
      body: 'Room 2 is ready',
      sentAt: expect.any(String),
    });

    const [sent] = bed.take(MessageSent);
    expect(sent).toMatchObject({ tenantId: nurse.tenantId, threadId: thread.id, message, actor: { id: nurse.userId } });
    expect([...sent.participantIds].sort()).toEqual([provider.userId, nurse.userId, frontDesk.userId].sort());

    const counts = bed.take(UnreadCountChanged);
    expect(counts.map((c) => c.userId).sort()).toEqual([provider.userId, frontDesk.userId].sort());
    expect(counts[0].unread).toEqual({ total: 1, byThread: { [thread.id]: 1 } });
    expect(await bed.unread.of(nurse.tenantId, nurse.userId)).toEqual({ total: 0, byThread: {} });
    expect((await bed.messages.list(provider, thread.id)).items).toEqual([message]);
  });

  it('posts once per idempotency key: one row, one announcement, the first answer again', async () => {
    const { provider, nurse } = bed.users;
    const first = await bed.messages.post(nurse, thread.id, 'Room 2 is ready', 'key-of-one-message');
    const retry = await bed.messages.post(nurse, thread.id, 'Room 2 is ready', 'key-of-one-message');
    expect(retry).toEqual(first);
    expect(bed.take(MessageSent)).toHaveLength(1);
    expect((await bed.messages.list(provider, thread.id)).items).toEqual([first]);
    const [summary] = (await bed.threads.listMine(provider, { size: 50 })).items;
    expect(summary).toMatchObject({ lastActivityAt: first.sentAt, lastMessage: first });
  });

  it('keeps nothing and announces nothing when the last of its writes fails', async () => {
    await expectNothingKeptWhenTheReadPositionFails(bed, thread);
  });

  it('marks read forward only and announces each move once', async () => {
    const { provider, nurse } = bed.users;
    const first = await bed.messages.post(nurse, thread.id, 'One');
    const second = await bed.messages.post(nurse, thread.id, 'Two');
    bed.emitted.length = 0;

    expect(await bed.messages.markRead(provider, thread.id, first.id)).toEqual({
      total: 1,
      byThread: { [thread.id]: 1 },
    });
    const [read] = bed.take(MessageRead);
    expect(read).toMatchObject({ threadId: thread.id, messageId: first.id, readerId: provider.userId });
    expect(read.participantIds).toContain(nurse.userId);
    expect(bed.take(UnreadCountChanged).map((c) => c.userId)).toEqual([provider.userId]);

    expect(await bed.messages.markRead(provider, thread.id, second.id)).toEqual({ total: 0, byThread: {} });
    bed.emitted.length = 0;
    expect(await bed.messages.markRead(provider, thread.id, first.id)).toEqual({ total: 0, byThread: {} });
    expect(await bed.messages.markRead(provider, thread.id, second.id)).toEqual({ total: 0, byThread: {} });
    expect(bed.emitted).toEqual([]);
    expect((await bed.threads.listMine(nurse, { size: 50 })).items[0].readBy[provider.userId]).toBe(second.id);
  });

  it('treats a reply as having read the thread, and tells the sender their count changed', async () => {
    const { provider, nurse } = bed.users;
    await bed.messages.post(nurse, thread.id, 'Question?');
    bed.emitted.length = 0;
    await bed.messages.post(provider, thread.id, 'Answer.');
    const counts = bed.take(UnreadCountChanged);
    expect(counts.find((c) => c.userId === provider.userId)?.unread).toEqual({ total: 0, byThread: {} });
    expect(counts.find((c) => c.userId === nurse.userId)?.unread.total).toBe(1);
  });

  it('pages messages newest last, before a given message', async () => {
    const { nurse } = bed.users;
    const sent = [];
    for (const body of ['a', 'b', 'c', 'd', 'e']) sent.push(await bed.messages.post(nurse, thread.id, body));
    const bodies = (list: { body: string }[]) => list.map((m) => m.body);
    expect(bodies((await bed.messages.list(nurse, thread.id, { limit: 2 })).items)).toEqual(['d', 'e']);
    expect(bodies((await bed.messages.list(nurse, thread.id, { before: sent[3].id, limit: 2 })).items)).toEqual([
      'b',
      'c',
    ]);
    expect(bodies((await bed.messages.list(nurse, thread.id, { before: sent[0].id })).items)).toEqual([]);
    const newest = await bed.messages.list(nurse, thread.id, { limit: 2 });
    const older = await bed.messages.list(nurse, thread.id, { cursor: newest.nextCursor, limit: 2 });
    expect(bodies(older.items)).toEqual(['b', 'c']);
    const oldest = await bed.messages.list(nurse, thread.id, { cursor: older.nextCursor, limit: 2 });
    expect([bodies(oldest.items), oldest.nextCursor]).toEqual([['a'], undefined]);
  });

  it('keeps non-participants and other clinics out, and finds messages only in their own thread', async () => {
    const { provider, nurse, stranger } = bed.users;
    const private_ = await bed.threads.create(provider, { participantIds: [nurse.userId] });
    const elsewhere = await bed.messages.post(provider, private_.id, 'Elsewhere');
    await expect(bed.messages.post(bed.users.frontDesk, private_.id, 'Hi')).rejects.toBeInstanceOf(ForbiddenException);
    await expect(bed.messages.list(stranger, private_.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(bed.messages.markRead(nurse, thread.id, elsewhere.id)).rejects.toBeInstanceOf(NotFoundException);
    expect(bed.take(MessageSent)).toHaveLength(1);
  });
});

/** Needs PostgreSQL (TEST_POSTGRES_URL), as the migrations spec does: its transactions are separate connections. */
describe('MessagesService on PostgreSQL', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await createMessagingTestBed('postgres');
  }, 60_000);
  afterAll(() => bed?.close());

  it('keeps nothing and announces nothing when the last of its writes fails', async () => {
    const { provider, nurse } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    await expectNothingKeptWhenTheReadPositionFails(bed, thread);
  });
});
