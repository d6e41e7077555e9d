import { randomUUID } from 'node:crypto';
import { createMessagingTestBed, MessagingTestBed } from '../../testing/messaging-test-bed';
import { MessageThreadEntity } from './message-thread.entity';
import { MessageEntity } from './message.entity';

describe('MessageEntity', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await createMessagingTestBed('sqlite');
  });
  afterEach(() => bed?.close());

  // A column default makes TypeORM read the rows back and merge them into the inserted objects by
  // position; SQLite answers in id order, so the objects took each other's ids.
  it('leaves each of several lines written together with its own id', async () => {
    const { nurse, provider, frontDesk } = bed.users;
    const threadId = randomUUID();
    await bed.dataSource.manager.insert(MessageThreadEntity, {
      id: threadId,
      tenantId: nurse.tenantId,
      subject: 'Room 2',
      patientId: null,
      createdById: nurse.userId,
      lastMessageId: null,
      lastActivityAt: new Date(),
    });
    const start = Date.now();
    const rows = Array.from({ length: 20 }, (_, index) => ({
      id: randomUUID(),
      tenantId: nurse.tenantId,
      threadId,
      kind: 'message' as const,
      senderId: [nurse, provider, frontDesk][index % 3].userId,
      body: `line ${index}`,
      sentAt: new Date(start + index),
    }));
    const written = rows.map((row) => ({ ...row }));
    await bed.dataSource.manager.insert(MessageEntity, written);

    expect(written.map(({ id, body }) => [id, body])).toEqual(rows.map(({ id, body }) => [id, body]));
    const stored = await bed.dataSource.getRepository(MessageEntity).findBy({ threadId });
    expect(new Map(stored.map(({ id, body }) => [id, body]))).toEqual(new Map(rows.map(({ id, body }) => [id, body])));
  });
});
