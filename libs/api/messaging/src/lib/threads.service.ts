import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, Raw, Repository } from 'typeorm';
import { AuthenticatedUser, requireActive, StaffDirectory, toActor } from '@derm/api/auth';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest, Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { PatientsService } from '@derm/api/patients';
import { StaffAccount, THREAD_SUBJECT_MAX_LENGTH, ThreadParticipant, ThreadSummary } from '@derm/shared/contracts';
import { AddParticipantsDto } from './dto/add-participants.dto';
import { CreateThreadDto, THREAD_MAX_PARTICIPANTS } from './dto/create-thread.dto';
import { MessageThreadEntity } from './entities/message-thread.entity';
import { MessageEntity } from './entities/message.entity';
import { ThreadParticipantEntity } from './entities/thread-participant.entity';
import { ParticipantLeft } from './events/participant-left.event';
import { ParticipantsAdded } from './events/participants-added.event';
import { ThreadCreated } from './events/thread-created.event';
import { UnreadCountChanged } from './events/unread-count-changed.event';
import { noteRow, threadNote } from './thread-notes';
import { toThreadSummary } from './thread-summary';
import { UnreadCounts } from './unread-counts.service';

/** A thread's members as loaded for a check: the caller's own row and everyone's ids. */
export interface Participation {
  thread: MessageThreadEntity;
  self: ThreadParticipantEntity;
  participantIds: string[];
}

const RECENT_FIRST: KeysetOrder<MessageThreadEntity> = { key: 'lastActivityAt', direction: 'DESC', kind: 'date' };

/** Threads: who is in them, and the list each person sees. */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly staff: StaffDirectory,
    private readonly patients: PatientsService,
    private readonly unread: UnreadCounts,
    private readonly events: DomainEvents,
  ) {}

  private get threads(): Repository<MessageThreadEntity> {
    return this.transactions.repository(MessageThreadEntity);
  }

  private get participants(): Repository<ThreadParticipantEntity> {
    return this.transactions.repository(ThreadParticipantEntity);
  }

  private get messages(): Repository<MessageEntity> {
    return this.transactions.repository(MessageEntity);
  }

  /**
   * Another clinic's thread is indistinguishable from a missing one (404); a colleague's thread
   * the user is not in is 403.
   */
  async participation(tenantId: string, threadId: string, userId: string): Promise<Participation> {
    return this.participationIn(await this.threads.findOneBy({ tenantId, id: threadId }), threadId, userId);
  }

  /**
   * `participation` for a write to the thread, inside its unit of work: holds the thread until the
   * unit ends, so writes to one thread (posts, adds, leaves, reads) take turns and each reads the
   * members the one before it left. A message is thus announced to exactly those in the thread when
   * it was posted, and a retry sent at the same time finds the first one's change.
   */
  async lockedParticipation(tenantId: string, threadId: string, userId: string): Promise<Participation> {
    const thread = await this.transactions.lockOne(MessageThreadEntity, { tenantId, id: threadId });
    return this.participationIn(thread, threadId, userId);
  }

  private async participationIn(
    thread: MessageThreadEntity | null,
    threadId: string,
    userId: string,
  ): Promise<Participation> {
    if (!thread) throw new NotFoundException(`Thread ${threadId} not found`);
    const members = await this.participants.findBy({ tenantId: thread.tenantId, threadId });
    const self = members.find((member) => member.userId === userId);
    if (!self) throw notAParticipant();
    return { thread, self, participantIds: members.map((member) => member.userId) };
  }

  /** True when the user is in every one of these threads of the clinic. */
  async isInEach(tenantId: string, userId: string, threadIds: readonly string[]): Promise<boolean> {
    const unique = [...new Set(threadIds)];
    return (await this.participants.countBy({ tenantId, userId, threadId: In(unique) })) === unique.length;
  }

  async create(user: AuthenticatedUser, dto: CreateThreadDto): Promise<ThreadSummary> {
    const ids = [...new Set([user.userId, ...dto.participantIds])];
    if (ids.length < 2) throw new BadRequestException('A thread needs at least one other participant');
    requireRoomFor(ids.length);
    const id = randomUUID();
    await this.transactions.run(async () => {
      // Held until the thread commits, as for `addParticipants`: nobody is made a participant once deactivated.
      const members = requireFound(ids, await this.staff.findManyHeld(user.tenantId, ids));
      requireActive(members);
      const patient = dto.patientId ? await this.patients.get(user.tenantId, dto.patientId) : undefined;
      const subject = dto.subject || (patient ? `About ${patient.displayName}` : members.map((m) => m.name).join(', '));
      await this.threads.insert({
        id,
        tenantId: user.tenantId,
        subject: subject.slice(0, THREAD_SUBJECT_MAX_LENGTH),
        patientId: patient?.id ?? null,
        createdById: user.userId,
        lastMessageId: null,
        lastActivityAt: new Date(),
      });
      await this.participants.insert(
        ids.map((userId) => ({ id: randomUUID(), tenantId: user.tenantId, threadId: id, userId })),
      );
      this.events.publish(new ThreadCreated(user.tenantId, toActor(user), id, byName(members)));
    });
    const [summary] = await this.summaries(user, [id]);
    return summary;
  }

  /**
   * Adds colleagues of the caller's clinic to a thread the caller is in (404 and 403 as for
   * `participation`; 404 naming any id not of the clinic, 409 naming any deactivated account).
   * Those already in it are left as they are, so a retry adds nobody twice and announces nothing.
   * The added read the whole history, unread until they read it, and the thread keeps a `joined`
   * note of each; everyone in the thread then hears `ParticipantsAdded`.
   */
  async addParticipants(user: AuthenticatedUser, threadId: string, dto: AddParticipantsDto): Promise<ThreadSummary> {
    const { tenantId } = user;
    await this.transactions.run(async () => {
      const { participantIds } = await this.lockedParticipation(tenantId, threadId, user.userId);
      const addedIds = [...new Set(dto.userIds)].filter((id) => !participantIds.includes(id));
      if (addedIds.length === 0) return;
      // Held until the add commits: a deactivation made meanwhile either waits for it or is read
      // here, so nobody joins once deactivated.
      const added = requireFound(addedIds, await this.staff.findManyHeld(tenantId, addedIds));
      requireActive(added);
      requireRoomFor(participantIds.length + addedIds.length);
      const everyone = [...added, ...(await this.staff.findMany(tenantId, participantIds))];
      await this.participants
        .createQueryBuilder()
        .insert()
        .values(addedIds.map((userId) => ({ id: randomUUID(), tenantId, threadId, userId })))
        .orIgnore()
        .execute();
      const addedBy = { id: user.userId, name: user.name };
      const joinedAt = new Date();
      const notes = byName(added).map((who) => threadNote('joined', who, joinedAt, addedBy));
      await this.messages.insert(notes.map((note) => noteRow(tenantId, threadId, note)));
      this.events.publish(new ParticipantsAdded(tenantId, toActor(user), threadId, byName(everyone), addedIds, notes));
      await this.unread.inTurn(tenantId, addedIds);
      const unread = await this.unread.ofEach(tenantId, addedIds);
      unread.forEach((count, userId) => this.events.publish(new UnreadCountChanged(tenantId, userId, count)));
    });
    return this.getMine(user, threadId);
  }

  /**
   * The caller leaves a thread they are in (404 and 403 as for `participation`): it leaves their
   * list, its unread messages their count, and they hear nothing more of it until someone adds them
   * again, when its whole history is theirs to read as for anyone added. The thread keeps a `left`
   * note; everyone who was in it hears `ParticipantLeft`. The thread stays for those who remain, even when nobody does.
   */
  async leave(user: AuthenticatedUser, threadId: string): Promise<void> {
    const { tenantId, userId } = user;
    await this.transactions.run(async () => {
      const { self, participantIds } = await this.lockedParticipation(tenantId, threadId, userId);
      await this.unread.inTurn(tenantId, [userId]);
      const { affected } = await this.participants.delete({ tenantId, id: self.id });
      if (!affected) throw notAParticipant();
      const note = threadNote('left', { id: userId, name: user.name }, new Date());
      await this.messages.insert(noteRow(tenantId, threadId, note));
      const remaining = await this.staff.findMany(
        tenantId,
        participantIds.filter((id) => id !== userId),
      );
      this.events.publish(new ParticipantLeft(tenantId, toActor(user), threadId, byName(remaining), userId, note));
      this.events.publish(new UnreadCountChanged(tenantId, userId, await this.unread.of(tenantId, userId)));
    });
  }

  /** One thread as the caller's list shows it: 404 and 403 as for `participation`. */
  async getMine(user: AuthenticatedUser, threadId: string): Promise<ThreadSummary> {
    await this.participation(user.tenantId, threadId, user.userId);
    const [summary] = await this.summaries(user, [threadId]);
    return summary;
  }

  /**
   * The most recently active thread of exactly the caller and this colleague. Anyone else (another
   * clinic's, unknown, the caller themself) has none: 404, telling nothing about them.
   */
  async findDirect(user: AuthenticatedUser, colleagueId: string): Promise<ThreadSummary> {
    const { tenantId, userId } = user;
    const mine = this.participants
      .createQueryBuilder('own')
      .select('own.threadId')
      .where('own.tenantId = :tenantId AND own.userId = :userId');
    // Of the caller's threads, those of two members who are both of the pair (a member is in a thread
    // once, so the caller's own id as the colleague's matches no thread).
    const pairs = this.participants
      .createQueryBuilder('member')
      .select('member.threadId')
      .where(`member.tenantId = :tenantId AND member.threadId IN (${mine.getQuery()})`)
      .groupBy('member.threadId')
      .having('COUNT(*) = 2')
      .andHaving('SUM(CASE WHEN member.userId IN (:userId, :colleagueId) THEN 1 ELSE 0 END) = 2');
    const latest = await this.threads
      .createQueryBuilder('thread')
      .select('thread.id', 'id')
      .where(`thread.tenantId = :tenantId AND thread.id IN (${pairs.getQuery()})`)
      .setParameters({ tenantId, userId, colleagueId })
      .orderBy('thread.lastActivityAt', 'DESC')
      .addOrderBy('thread.id', 'ASC')
      .limit(1)
      .getRawOne<{ id: string }>();
    if (!latest) throw new NotFoundException('No conversation with just this colleague');
    const [summary] = await this.summaries(user, [latest.id]);
    return summary;
  }

  /**
   * The caller's threads, most recent activity first, a page at a time; with `patientId`, only those
   * about that patient (404 for a patient not of the caller's clinic). Never a thread the caller is not in.
   */
  async listMine(user: AuthenticatedUser, page: PageRequest, patientId?: string): Promise<Page<ThreadSummary>> {
    const { tenantId, userId } = user;
    if (patientId) await this.patients.get(tenantId, patientId);
    const mine = {
      tenantId,
      ...(patientId ? { patientId } : {}),
      id: Raw(
        (id) =>
          `${id} IN (SELECT "threadId" FROM "thread_participants" WHERE "tenantId" = :tenantId AND "userId" = :userId)`,
        {
          tenantId,
          userId,
        },
      ),
    };
    const rows = await this.threads.find({
      ...keysetFind(mine, RECENT_FIRST, page),
      select: { id: true, lastActivityAt: true },
    });
    const { items: ids, nextCursor } = keysetPage(rows, RECENT_FIRST, page, (row) => row.id);
    return { items: await this.summaries(user, ids), ...(nextCursor ? { nextCursor } : {}) };
  }

  private async summaries(user: AuthenticatedUser, threadIds: string[]): Promise<ThreadSummary[]> {
    if (threadIds.length === 0) return [];
    const { tenantId } = user;
    const threads = await this.threads.find({
      where: { tenantId, id: In(threadIds) },
      order: { lastActivityAt: 'DESC', id: 'ASC' },
    });
    const members = await this.participants.find({
      where: { tenantId, threadId: In(threadIds) },
      relations: { user: true },
    });
    const lastIds = threads.flatMap((thread) => (thread.lastMessageId ? [thread.lastMessageId] : []));
    const lastMessages = lastIds.length
      ? await this.messages.find({ where: { tenantId, id: In(lastIds) }, relations: { sender: true } })
      : [];
    const { byThread } = await this.unread.of(tenantId, user.userId);
    return threads.map((thread) =>
      toThreadSummary(
        thread,
        members.filter((member) => member.threadId === thread.id),
        lastMessages.find((message) => message.id === thread.lastMessageId),
        byThread[thread.id] ?? 0,
      ),
    );
  }
}

/** The staff found for these ids; 404 naming every id that is not one of them. */
function requireFound(ids: readonly string[], members: StaffAccount[]): StaffAccount[] {
  if (members.length !== ids.length) {
    const known = new Set(members.map((member) => member.id));
    throw new NotFoundException(`Staff not found: ${ids.filter((id) => !known.has(id)).join(', ')}`);
  }
  return members;
}

/** 400 when a thread would hold more people than it may. */
function requireRoomFor(people: number): void {
  if (people > THREAD_MAX_PARTICIPANTS) {
    throw new BadRequestException(`A thread has at most ${THREAD_MAX_PARTICIPANTS} participants`);
  }
}

function notAParticipant(): ForbiddenException {
  return new ForbiddenException('Only participants of this thread may do this');
}

/** A thread's people as its events name them: by name, each active or not. */
function byName(members: readonly StaffAccount[]): ThreadParticipant[] {
  return members.map(({ id, name, active }) => ({ id, name, active })).sort((a, b) => a.name.localeCompare(b.name));
}
