import { OnDomainEvent } from '@derm/api/events';
import { ConnectedSocket, MessageBody, OnGatewayDisconnect, SubscribeMessage } from '@nestjs/websockets';
import {
  audience,
  RealtimeGateway,
  RealtimeSocket,
  RecoveredRooms,
  rooms,
  TenantBroadcaster,
} from '@derm/api/realtime';
import { Ack, MarkMessageReadResult } from '@derm/shared/contracts';
import { MarkMessageReadDto } from './dto/mark-message-read.dto';
import { ThreadRefDto } from './dto/thread-ref.dto';
import { MessageRead } from './events/message-read.event';
import { MessageSent } from './events/message-sent.event';
import { ParticipantLeft } from './events/participant-left.event';
import { ParticipantsAdded } from './events/participants-added.event';
import { ThreadCreated } from './events/thread-created.event';
import { UnreadCountChanged } from './events/unread-count-changed.event';
import { MessagesService } from './messages.service';
import { ThreadsService } from './threads.service';
import { Typist, TypingTracker } from './typing/typing-tracker';

/**
 * Messages and read receipts go to each participant's user room (every tab, every page); only
 * typing goes to the thread room, which sockets join while the thread is open.
 */
@RealtimeGateway()
export class MessagingGateway implements OnGatewayDisconnect {
  constructor(
    private readonly broadcaster: TenantBroadcaster,
    private readonly threads: ThreadsService,
    private readonly messages: MessagesService,
    private readonly typing: TypingTracker,
    recoveredRooms: RecoveredRooms,
  ) {
    typing.onLapse((typist) => this.relayTyping(typist, false));
    // Someone who left a thread while away is not given back its room, nor the typing it heard.
    recoveredRooms.check(({ tenantId, userId }, held) => {
      const threadRooms = rooms.thread(tenantId, '');
      const threadIds = held
        .filter((room) => room.startsWith(threadRooms))
        .map((room) => room.slice(threadRooms.length));
      return threadIds.length === 0 || threads.isInEach(tenantId, userId, threadIds);
    });
  }

  @OnDomainEvent(MessageSent)
  messageSent({ tenantId, threadId, message, participantIds, ...meta }: MessageSent): void {
    this.broadcaster.publish(audience.users(tenantId, participantIds), 'message:new', { threadId, message }, meta);
  }

  @OnDomainEvent(MessageSent)
  async senderStoppedTyping({ tenantId, threadId, message }: MessageSent): Promise<void> {
    const typist = await this.typing.stopAnywhere({ tenantId, threadId, userId: message.senderId });
    if (typist) this.relayTyping(typist, false);
  }

  @OnDomainEvent(MessageRead)
  messageRead({ tenantId, threadId, messageId, readerId, readAt, participantIds, ...meta }: MessageRead): void {
    const data = { threadId, messageId, readerId, readAt: readAt.toISOString() };
    this.broadcaster.publish(audience.users(tenantId, participantIds), 'message:read', data, meta);
  }

  @OnDomainEvent(ThreadCreated)
  threadCreated({ tenantId, threadId, participants, ...meta }: ThreadCreated): void {
    const everyone = participants.map(({ id }) => id);
    this.broadcaster.publish(
      audience.users(tenantId, everyone),
      'thread:created',
      { threadId, participants: [...participants] },
      meta,
    );
  }

  @OnDomainEvent(ParticipantsAdded)
  participantsAdded({ tenantId, threadId, participants, addedIds, notes, ...meta }: ParticipantsAdded): void {
    const everyone = participants.map(({ id }) => id);
    const data = { threadId, participants: [...participants], addedIds: [...addedIds], notes: [...notes] };
    this.broadcaster.publish(audience.users(tenantId, everyone), 'thread:participants-added', data, meta);
  }

  /** Who was in it hears who remains; the one who left stops hearing its typing, in every tab. */
  @OnDomainEvent(ParticipantLeft)
  async participantLeft({ tenantId, threadId, participants, leftId, note, ...meta }: ParticipantLeft): Promise<void> {
    const everyone = [...participants.map(({ id }) => id), leftId];
    const data = { threadId, participants: [...participants], leftId, note };
    this.broadcaster.leave(audience.users(tenantId, [leftId]), audience.thread(tenantId, threadId));
    this.broadcaster.publish(audience.users(tenantId, everyone), 'thread:participant-left', data, meta);
    const typist = await this.typing.stopAnywhere({ tenantId, threadId, userId: leftId });
    if (typist) this.relayTyping(typist, false);
  }

  @OnDomainEvent(UnreadCountChanged)
  unreadCountChanged({ tenantId, userId, unread }: UnreadCountChanged): void {
    this.broadcaster.signal(audience.users(tenantId, [userId]), 'message:unread-count', unread);
  }

  @SubscribeMessage('thread:join')
  async join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { threadId }: ThreadRefDto): Promise<Ack> {
    const { tenantId, userId } = socket.data;
    const room = rooms.thread(tenantId, threadId);
    await this.threads.participation(tenantId, threadId, userId);
    await socket.join(room);
    // Asked again from inside the room: a leave that committed after the first answer found no
    // socket here to take out, and the room would otherwise stay joined until the next connection.
    await this.threads.participation(tenantId, threadId, userId).catch(async (refusal: unknown) => {
      await socket.leave(room);
      throw refusal;
    });
    await this.tellWhoIsTyping(socket, threadId);
    return { ok: true };
  }

  @SubscribeMessage('thread:leave')
  async leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { threadId }: ThreadRefDto): Promise<Ack> {
    const { tenantId, userId } = socket.data;
    await this.threads.participation(tenantId, threadId, userId);
    await socket.leave(rooms.thread(tenantId, threadId));
    this.typing.stopSocket(socket.id, threadId).forEach((typist) => this.relayTyping(typist, false));
    return { ok: true };
  }

  @SubscribeMessage('typing:start')
  async typingStart(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { threadId }: ThreadRefDto,
  ): Promise<Ack> {
    const { tenantId, userId, name } = socket.data;
    await this.threads.participation(tenantId, threadId, userId);
    // A socket that closed meanwhile had its typing ended by the disconnect: starting it now would
    // show its person typing until the lapse.
    if (socket.disconnected) return { ok: true };
    const typist: Typist = { tenantId, threadId, userId, name, socketId: socket.id };
    this.typing.start(typist);
    // Renewals are relayed too: a colleague who opened the thread since then learns it as well.
    this.relayTyping(typist, true);
    return { ok: true };
  }

  @SubscribeMessage('typing:stop')
  async typingStop(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { threadId }: ThreadRefDto): Promise<Ack> {
    const { tenantId, userId } = socket.data;
    await this.threads.participation(tenantId, threadId, userId);
    const typist = this.typing.stop({ tenantId, threadId, userId });
    if (typist) this.relayTyping(typist, false);
    return { ok: true };
  }

  @SubscribeMessage('message:mark-read')
  async markRead(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { threadId, messageId }: MarkMessageReadDto,
  ): Promise<Ack<MarkMessageReadResult>> {
    return { ok: true, unread: await this.messages.markRead(socket.data, threadId, messageId) };
  }

  handleDisconnect(socket: RealtimeSocket): void {
    this.typing.stopSocket(socket.id).forEach((typist) => this.relayTyping(typist, false));
  }

  /** Whoever is typing there already is shown at once, not from their next renewal a few seconds on. */
  private async tellWhoIsTyping(socket: RealtimeSocket, threadId: string): Promise<void> {
    const { tenantId, userId } = socket.data;
    for (const typist of await this.typing.typingIn(tenantId, threadId)) {
      if (typist.userId === userId) continue;
      this.broadcaster.signal(audience.socket(socket), 'typing', {
        threadId,
        userId: typist.userId,
        name: typist.name,
        isTyping: true,
      });
    }
  }

  private relayTyping({ tenantId, threadId, userId, name }: Typist, isTyping: boolean): void {
    this.broadcaster.signal(
      audience.thread(tenantId, threadId),
      'typing',
      { threadId, userId, name, isTyping },
      { exceptUserId: userId },
    );
  }
}
