import { BadRequestException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { asUser, clinicWith, ids, staff } from '../testing/clinic.spec-helper';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationEntity } from './notification.entity';

const nurse = asUser(staff.nurse);

describe('NotificationInbox', () => {
  let inbox: NotificationInbox;
  let rows: Repository<NotificationEntity>;

  beforeEach(async () => {
    const clinic = await clinicWith([]);
    inbox = clinic.moduleRef.get(NotificationInbox);
    rows = clinic.notifications;
  });

  /** Minute `n` of a fixed day; `read` marks it read. */
  const seed = async (n: number, read = false, recipientId = ids.nurse) => {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await rows.insert({
      id: randomUUID(),
      tenantId: ids.tenant,
      notificationId: id,
      recipientId,
      kind: 'general',
      title: `n${n}`,
      priority: 'normal',
      requiresAck: false,
      createdAt: new Date(Date.UTC(2026, 4, 4, 9, n)),
      readAt: read ? new Date() : null,
    });
    return id;
  };

  /** Minutes 1 to `count` for the nurse, those in `read` read. */
  const seedReadAt = async (read: number[], count: number) => {
    for (let n = 1; n <= count; n++) await seed(n, read.includes(n));
  };

  it('lists unread first, newest first, and pages after a given item', async () => {
    await seedReadAt([2, 4], 5);
    await seed(6, false, ids.provider);

    const all = await inbox.list(nurse, {});
    expect(all.items.map((n) => n.title)).toEqual(['n5', 'n3', 'n1', 'n4', 'n2']);
    expect(all.unreadCount).toBe(3);

    const titles: string[] = [];
    let before: string | undefined;
    do {
      const page = await inbox.list(nurse, { limit: 2, before });
      titles.push(...page.items.map((n) => n.title));
      before = page.items.at(-1)?.id;
    } while (before);
    expect(titles).toEqual(['n5', 'n3', 'n1', 'n4', 'n2']);

    expect((await inbox.list(nurse, { unread: true })).items.map((n) => n.title)).toEqual(['n5', 'n3', 'n1']);
    await expect(inbox.list(asUser(staff.provider), { before: all.items[0].id })).rejects.toBeInstanceOf(
      BadRequestException,
    );
  });

  it('continues a page from where its last item was listed, though it was read since', async () => {
    await seedReadAt([2, 5], 5);
    const titles = (page: { items: { title: string }[] }) => page.items.map((n) => n.title);

    const first = await inbox.list(nurse, { limit: 2 });
    expect(titles(first)).toEqual(['n4', 'n3']);
    // The last one listed is read before the next page: the unread after it still come next.
    await rows.update({ notificationId: first.items[1].id }, { readAt: new Date() });
    const second = await inbox.list(nurse, { limit: 2, cursor: first.nextCursor });
    expect(titles(second)).toEqual(['n1', 'n5']);
    const third = await inbox.list(nurse, { limit: 2, cursor: second.nextCursor });
    expect(titles(third)).toEqual(['n3', 'n2']);
    expect(third.nextCursor).toBeUndefined();
    // `before` continues from where that item stands now: after n3 among the read.
    expect(titles(await inbox.list(nurse, { limit: 2, before: first.items[1].id }))).toEqual(['n2']);

    // A cursor carries no identity: another person's cursor pages their own inbox only.
    expect((await inbox.list(asUser(staff.provider), { cursor: first.nextCursor })).items).toEqual([]);
    for (const cursor of [
      'nonsense',
      Buffer.from(JSON.stringify(['2026-05-04T09:00:00.000Z', 'x'])).toString('base64url'),
    ]) {
      await expect(inbox.list(nurse, { cursor })).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('counts unread per person in one query, with zero for those without any', async () => {
    await seed(1);
    await seed(2);
    await seed(3, true);
    const counts = await inbox.unreadCounts(ids.tenant, [ids.nurse, ids.provider]);
    expect(Object.fromEntries(counts)).toEqual({ [ids.nurse]: 2, [ids.provider]: 0 });
  });
});
