import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createMessagingTestBed, MessagingTestBed } from '../testing/messaging-test-bed';
import { MessageThreadEntity } from './entities/message-thread.entity';
import { ThreadParticipantEntity } from './entities/thread-participant.entity';
import { ParticipantLeft } from './events/participant-left.event';
import { ParticipantsAdded } from './events/participants-added.event';
import { UnreadCountChanged } from './events/unread-count-changed.event';

const PAGE = { size: 50 };

describe('ThreadsService', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await createMessagingTestBed();
  });
  afterEach(() => bed.close());

  it('leaves no thread behind when its participants cannot be stored', async () => {
    const { provider, nurse } = bed.users;
    await bed.dataSource.query(
      `CREATE TRIGGER refuse_participants BEFORE INSERT ON thread_participants BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    await expect(bed.threads.create(nurse, { participantIds: [provider.userId] })).rejects.toThrow('refused');
    await bed.dataSource.query('DROP TRIGGER refuse_participants');
    expect(await bed.dataSource.getRepository(MessageThreadEntity).count()).toBe(0);
    expect((await bed.threads.listMine(nurse, PAGE)).items).toEqual([]);
  });

  it('creates a thread with the creator among the participants', async () => {
    const { provider, nurse } = bed.users;
    const thread = await bed.threads.create(nurse, {
      participantIds: [provider.userId, provider.userId],
      patientId: bed.patients.ours,
    });
    expect(thread).toEqual({
      id: expect.any(String),
      subject: 'About Jordan Blake',
      patientId: bed.patients.ours,
      participants: [
        { id: provider.userId, name: 'Dr. Ana Ortiz', active: true },
        { id: nurse.userId, name: 'Nora Quinn', active: true },
      ],
      unread: 0,
      readBy: {},
      lastActivityAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const named = await bed.threads.create(nurse, { participantIds: [provider.userId], subject: 'Room 2' });
    expect(named.subject).toBe('Room 2');
    expect(named.patientId).toBeUndefined();
  });

  it('refuses a thread with nobody else, with staff or a patient of another clinic', async () => {
    const { nurse, stranger } = bed.users;
    await expect(bed.threads.create(nurse, { participantIds: [nurse.userId] })).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await expect(bed.threads.create(nurse, { participantIds: [stranger.userId] })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(
      bed.threads.create(nurse, { participantIds: [bed.users.provider.userId], patientId: bed.patients.theirs }),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('tells a participant from a colleague outside the thread and from another clinic', async () => {
    const { provider, nurse, frontDesk, stranger } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    const participation = await bed.threads.participation(nurse.tenantId, thread.id, provider.userId);
    expect(participation.self.userId).toBe(provider.userId);
    expect(participation.participantIds.sort()).toEqual([provider.userId, nurse.userId].sort());
    await expect(bed.threads.participation(frontDesk.tenantId, thread.id, frontDesk.userId)).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    await expect(bed.threads.participation(stranger.tenantId, thread.id, stranger.userId)).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it("lists only the caller's threads, latest activity first, with unread counts and read positions", async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const older = await bed.threads.create(nurse, { participantIds: [provider.userId], subject: 'Older' });
    const newer = await bed.threads.create(nurse, { participantIds: [frontDesk.userId], subject: 'Newer' });
    await bed.messages.post(provider, older.id, 'First');
    const last = await bed.messages.post(provider, older.id, 'Second');

    const nurseView = (await bed.threads.listMine(nurse, PAGE)).items;
    expect(nurseView.map((t) => t.subject)).toEqual(['Older', 'Newer']);
    expect(nurseView[0]).toMatchObject({ unread: 2, lastMessage: last, readBy: { [provider.userId]: last.id } });
    expect(nurseView[1]).toMatchObject({ unread: 0, readBy: {} });
    expect(nurseView[1].lastMessage).toBeUndefined();

    expect((await bed.threads.listMine(provider, PAGE)).items.map((t) => t.id)).toEqual([older.id]);
    expect((await bed.threads.listMine(frontDesk, PAGE)).items.map((t) => t.id)).toEqual([newer.id]);
    expect((await bed.threads.listMine(bed.users.stranger, PAGE)).items).toEqual([]);
  });

  it("lists the caller's threads about one patient, a page at a time, and no one else's", async () => {
    const { provider, nurse, frontDesk, stranger } = bed.users;
    const [ours, alsoOurs] = [bed.patients.ours, bed.patients.alsoOurs];
    const earlier = await bed.threads.create(frontDesk, { participantIds: [nurse.userId], patientId: ours });
    const first = await bed.threads.create(nurse, { participantIds: [provider.userId], patientId: ours });
    await bed.threads.create(nurse, { participantIds: [provider.userId], patientId: alsoOurs });
    await bed.threads.create(nurse, { participantIds: [provider.userId], subject: 'No patient' });
    const colleagues = await bed.threads.create(provider, { participantIds: [frontDesk.userId], patientId: ours });
    // Half a minute apart, so that the order does not hang on a millisecond.
    const activeAgo = (threadId: string, seconds: number) =>
      bed.dataSource
        .getRepository(MessageThreadEntity)
        .update({ id: threadId }, { lastActivityAt: new Date(Date.now() - seconds * 1000) });
    await activeAgo(earlier.id, 60);
    await activeAgo(colleagues.id, 30);
    const message = await bed.messages.post(provider, first.id, 'Biopsy booked');

    const firstPage = await bed.threads.listMine(nurse, { size: 1 }, ours);
    expect(firstPage.items).toEqual([await bed.threads.getMine(nurse, first.id)]);
    expect(firstPage.items[0]).toMatchObject({ patientId: ours, unread: 1, lastMessage: message });
    const secondPage = await bed.threads.listMine(nurse, { size: 1, cursor: firstPage.nextCursor }, ours);
    expect(secondPage.items.map((t) => t.id)).toEqual([earlier.id]);
    expect(secondPage.nextCursor).toBeUndefined();

    const ids = async (caller: typeof nurse) => (await bed.threads.listMine(caller, PAGE, ours)).items.map((t) => t.id);
    expect(await ids(provider)).toEqual([first.id, colleagues.id]);
    expect(await ids(frontDesk)).toEqual([colleagues.id, earlier.id]);
    await expect(bed.threads.listMine(stranger, PAGE, ours)).rejects.toBeInstanceOf(NotFoundException);
    await expect(bed.threads.listMine(nurse, PAGE, bed.patients.theirs)).rejects.toBeInstanceOf(NotFoundException);
    await expect(bed.threads.listMine(nurse, PAGE, randomUUID())).rejects.toBeInstanceOf(NotFoundException);
  });

  it("gives one of the caller's threads as the list does, and no one else's", async () => {
    const { provider, nurse, frontDesk, stranger } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId], subject: 'Room 2' });
    await bed.messages.post(provider, thread.id, 'First');
    await bed.messages.post(provider, thread.id, 'Second');

    const [listed] = (await bed.threads.listMine(nurse, PAGE)).items;
    expect(await bed.threads.getMine(nurse, thread.id)).toEqual({ ...listed, subject: 'Room 2', unread: 2 });
    expect((await bed.threads.getMine(provider, thread.id)).unread).toBe(0);
    await expect(bed.threads.getMine(frontDesk, thread.id)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(bed.threads.getMine(stranger, thread.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(bed.threads.getMine(nurse, randomUUID())).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe.each(['sqlite', 'postgres'] as const)('ThreadsService.findDirect on %s', (kind) => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await createMessagingTestBed(kind);
  }, 60_000);
  afterEach(() => bed?.close());

  /** Moves a thread's last activity, so that the order does not hang on a millisecond. */
  const activeAt = (threadId: string, at: Date) =>
    bed.dataSource.getRepository(MessageThreadEntity).update({ id: threadId }, { lastActivityAt: at });

  it('finds the most recently active conversation of just the two, from either side', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const earlier = await bed.threads.create(nurse, { participantIds: [provider.userId], subject: 'Earlier' });
    const later = await bed.threads.create(provider, { participantIds: [nurse.userId], subject: 'Later' });
    const group = await bed.threads.create(nurse, { participantIds: [provider.userId, frontDesk.userId] });
    const withDesk = await bed.threads.create(nurse, { participantIds: [frontDesk.userId] });
    await activeAt(later.id, new Date(Date.now() - 60_000));
    await activeAt(group.id, new Date(Date.now() + 60_000));
    const message = await bed.messages.post(provider, earlier.id, 'Back to this one');

    const found = await bed.threads.findDirect(nurse, provider.userId);
    expect(found).toMatchObject({ id: earlier.id, subject: 'Earlier', unread: 1, lastMessage: message });
    expect(found).toEqual(await bed.threads.getMine(nurse, earlier.id));
    expect((await bed.threads.findDirect(provider, nurse.userId)).id).toBe(earlier.id);
    expect((await bed.threads.findDirect(nurse, frontDesk.userId)).id).toBe(withDesk.id);

    await bed.messages.post(nurse, later.id, 'Now this one');
    expect((await bed.threads.findDirect(nurse, provider.userId)).id).toBe(later.id);
  });

  it('finds none through a group or a third person’s conversation, nor for anyone outside the clinic', async () => {
    const { provider, nurse, frontDesk, stranger } = bed.users;
    await bed.threads.create(nurse, { participantIds: [provider.userId, frontDesk.userId] });
    await bed.threads.create(provider, { participantIds: [frontDesk.userId] });

    const none = (caller: typeof nurse, colleagueId: string) =>
      expect(bed.threads.findDirect(caller, colleagueId)).rejects.toBeInstanceOf(NotFoundException);
    // Only the group joins the nurse and the provider; the provider's 1:1 with the front desk is not hers.
    await none(nurse, provider.userId);
    await none(nurse, frontDesk.userId);
    await none(frontDesk, nurse.userId);
    // Not her 1:1 with someone else for her own id.
    await bed.threads.create(nurse, { participantIds: [frontDesk.userId] });
    await none(nurse, nurse.userId);
    await none(nurse, stranger.userId);
    await none(stranger, nurse.userId);
    await none(nurse, randomUUID());
  });
});

describe.each(['sqlite', 'postgres'] as const)('ThreadsService.addParticipants on %s', (kind) => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await createMessagingTestBed(kind);
  }, 60_000);
  afterEach(() => bed?.close());

  it('adds a colleague, who then lists the thread with its history unread, and tells everyone in it', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId], subject: 'Room 2' });
    await bed.messages.post(nurse, thread.id, 'Biopsy kit?');
    await bed.messages.post(provider, thread.id, 'On the cart');
    bed.emitted.length = 0;

    const added = await bed.threads.addParticipants(nurse, thread.id, { userIds: [frontDesk.userId] });
    const everyone = [
      { id: provider.userId, name: 'Dr. Ana Ortiz', active: true },
      { id: frontDesk.userId, name: 'Felix Park', active: true },
      { id: nurse.userId, name: 'Nora Quinn', active: true },
    ];
    expect(added.participants).toEqual(everyone);
    // The history keeps a note of it, which everyone hears with the news and reads in the thread.
    const note = {
      id: expect.any(String),
      kind: 'joined',
      senderId: frontDesk.userId,
      senderName: 'Felix Park',
      body: '',
      sentAt: expect.any(String),
      addedBy: { id: nurse.userId, name: 'Nora Quinn' },
    };
    expect(bed.take(ParticipantsAdded)).toEqual([
      expect.objectContaining({
        tenantId: nurse.tenantId,
        actor: { id: nurse.userId, name: 'Nora Quinn' },
        threadId: thread.id,
        participants: everyone,
        addedIds: [frontDesk.userId],
        notes: [note],
      }),
    ]);
    for (const reader of [frontDesk, provider]) {
      const history = (await bed.messages.list(reader, thread.id)).items;
      expect(history.map(({ kind, body }) => [kind, body])).toEqual([
        ['message', 'Biopsy kit?'],
        ['message', 'On the cart'],
        ['joined', ''],
      ]);
      expect(history.at(-1)).toEqual(note);
    }
    const unread = { total: 2, byThread: { [thread.id]: 2 } };
    expect(bed.take(UnreadCountChanged)).toEqual([expect.objectContaining({ userId: frontDesk.userId, unread })]);
    const [listed] = (await bed.threads.listMine(frontDesk, PAGE)).items;
    expect(listed).toMatchObject({ id: thread.id, participants: everyone, unread: 2 });
    expect(await bed.unread.of(nurse.tenantId, frontDesk.userId)).toEqual(unread);
    // A note is neither unread nor the thread's last message.
    expect(await bed.unread.of(nurse.tenantId, provider.userId)).toEqual({ total: 0, byThread: {} });
    expect(listed.lastMessage).toMatchObject({ kind: 'message', body: 'On the cart' });
  });

  it('adds nobody twice: a retry, or someone already in it, changes and announces nothing', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    await bed.threads.addParticipants(nurse, thread.id, { userIds: [frontDesk.userId, frontDesk.userId] });
    bed.emitted.length = 0;
    const again = await bed.threads.addParticipants(provider, thread.id, { userIds: [frontDesk.userId, nurse.userId] });
    expect(again.participants).toHaveLength(3);
    expect(bed.emitted).toEqual([]);
    expect(await bed.dataSource.getRepository(ThreadParticipantEntity).countBy({ threadId: thread.id })).toBe(3);
  });

  it('lets only those in the thread add, only colleagues of the clinic, and changes nothing when it refuses', async () => {
    const { provider, nurse, frontDesk, stranger } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    bed.emitted.length = 0;
    const refused = [
      [frontDesk, [frontDesk.userId], ForbiddenException],
      [stranger, [stranger.userId], NotFoundException],
      [nurse, [stranger.userId], NotFoundException],
      [nurse, [frontDesk.userId, randomUUID()], NotFoundException],
    ] as const;
    for (const [caller, userIds, refusal] of refused) {
      await expect(bed.threads.addParticipants(caller, thread.id, { userIds: [...userIds] })).rejects.toBeInstanceOf(
        refusal,
      );
    }
    await expect(
      bed.threads.addParticipants(nurse, randomUUID(), { userIds: [frontDesk.userId] }),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect(bed.emitted).toEqual([]);
    expect((await bed.threads.getMine(nurse, thread.id)).participants).toHaveLength(2);
    expect((await bed.threads.listMine(frontDesk, PAGE)).items).toEqual([]);
    expect((await bed.threads.listMine(stranger, PAGE)).items).toEqual([]);
  });

  it('adds no one, and announces nothing, when the addition fails midway', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    bed.emitted.length = 0;
    // Fails after the rows went in: the transaction takes them back.
    jest.spyOn(bed.unread, 'ofEach').mockRejectedValueOnce(new Error('refused'));
    await expect(bed.threads.addParticipants(nurse, thread.id, { userIds: [frontDesk.userId] })).rejects.toThrow(
      'refused',
    );
    expect(bed.emitted).toEqual([]);
    expect((await bed.threads.listMine(frontDesk, PAGE)).items).toEqual([]);
    expect((await bed.threads.getMine(nurse, thread.id)).participants).toHaveLength(2);
    expect((await bed.messages.list(nurse, thread.id)).items).toEqual([]);
  });
});

describe.each(['sqlite', 'postgres'] as const)('ThreadsService.leave on %s', (kind) => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await createMessagingTestBed(kind);
  }, 60_000);
  afterEach(() => bed?.close());

  it('takes the thread from the one who left, with its unread messages, and tells everyone who was in it', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    const thread = await bed.threads.create(nurse, {
      participantIds: [provider.userId, frontDesk.userId],
      subject: 'Room 2',
    });
    const other = await bed.threads.create(provider, { participantIds: [frontDesk.userId] });
    await bed.messages.post(nurse, thread.id, 'Biopsy kit?');
    await bed.messages.post(provider, other.id, 'Lunch?');
    bed.emitted.length = 0;

    await bed.threads.leave(frontDesk, thread.id);
    const remaining = [
      { id: provider.userId, name: 'Dr. Ana Ortiz', active: true },
      { id: nurse.userId, name: 'Nora Quinn', active: true },
    ];
    const note = {
      id: expect.any(String),
      kind: 'left',
      senderId: frontDesk.userId,
      senderName: 'Felix Park',
      body: '',
      sentAt: expect.any(String),
    };
    expect(bed.take(ParticipantLeft)).toEqual([
      expect.objectContaining({
        tenantId: nurse.tenantId,
        actor: { id: frontDesk.userId, name: 'Felix Park' },
        threadId: thread.id,
        participants: remaining,
        leftId: frontDesk.userId,
        note,
      }),
    ]);
    expect((await bed.messages.list(nurse, thread.id)).items.map(({ kind }) => kind)).toEqual(['message', 'left']);
    expect((await bed.messages.list(nurse, thread.id)).items.at(-1)).toEqual(note);
    expect((await bed.threads.getMine(provider, thread.id)).unread).toBe(1);
    const unread = { total: 1, byThread: { [other.id]: 1 } };
    expect(bed.take(UnreadCountChanged)).toEqual([expect.objectContaining({ userId: frontDesk.userId, unread })]);
    expect((await bed.threads.listMine(frontDesk, PAGE)).items.map(({ id }) => id)).toEqual([other.id]);
    await expect(bed.threads.getMine(frontDesk, thread.id)).rejects.toBeInstanceOf(ForbiddenException);
    expect((await bed.threads.getMine(nurse, thread.id)).participants).toEqual(remaining);

    // Added again, the history is theirs to read as for anyone added.
    await bed.threads.addParticipants(nurse, thread.id, { userIds: [frontDesk.userId] });
    expect((await bed.threads.getMine(frontDesk, thread.id)).unread).toBe(1);
  });

  it('lets only those in the thread leave it, and changes nothing when it refuses', async () => {
    const { provider, nurse, frontDesk, stranger } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    bed.emitted.length = 0;
    await expect(bed.threads.leave(frontDesk, thread.id)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(bed.threads.leave(stranger, thread.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(bed.threads.leave(nurse, randomUUID())).rejects.toBeInstanceOf(NotFoundException);
    expect(bed.emitted).toEqual([]);
    expect((await bed.threads.getMine(nurse, thread.id)).participants).toHaveLength(2);
  });

  it('keeps the one who leaves in the thread, and announces nothing, when leaving fails midway', async () => {
    const { provider, nurse } = bed.users;
    const thread = await bed.threads.create(nurse, { participantIds: [provider.userId] });
    bed.emitted.length = 0;
    // Fails after the row went out: the transaction puts it back.
    jest.spyOn(bed.unread, 'of').mockRejectedValueOnce(new Error('refused'));
    await expect(bed.threads.leave(provider, thread.id)).rejects.toThrow('refused');
    expect(bed.emitted).toEqual([]);
    expect((await bed.threads.getMine(provider, thread.id)).participants).toHaveLength(2);
    expect((await bed.messages.list(provider, thread.id)).items).toEqual([]);
  });
});
