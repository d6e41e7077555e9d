import { ForbiddenException } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { Audience, RealtimeSocket, RecoveredRooms, rooms, TenantBroadcaster } from '@derm/api/realtime';
import { MessageSent } from './events/message-sent.event';
import { UnreadCountChanged } from './events/unread-count-changed.event';
import { MessagesService } from './messages.service';
import { MessagingGateway } from './messaging.gateway';
import { ThreadsService } from './threads.service';
import { TypingTracker } from './typing/typing-tracker';

interface Sent {
  kind: 'publish' | 'signal';
  rooms: readonly string[];
  event: string;
  payload: unknown;
  exceptUserId?: string;
}

describe('MessagingGateway', () => {
  const LAPSE_MS = 1000;
  const tenantId = 't1';
  const threadId = 'th1';
  let sent: Sent[];
  let tracker: TypingTracker;
  let gateway: MessagingGateway;
  let participation: jest.Mock;

  const broadcaster = {
    publish: (to: Audience, event: string, payload: unknown) =>
      sent.push({ kind: 'publish', rooms: to.rooms, event, payload }),
    signal: (to: Audience, event: string, payload: unknown, options: { exceptUserId?: string } = {}) =>
      sent.push({ kind: 'signal', rooms: to.rooms, event, payload, exceptUserId: options.exceptUserId }),
  } as unknown as TenantBroadcaster;

  const socket = (id = 's1') => {
    const joined = new Set<string>();
    return {
      id,
      data: { tenantId, userId: 'nurse', name: 'Nora Quinn', role: 'nurse', tokenExpiresAt: 0 },
      joined,
      join: jest.fn(async (room: string) => void joined.add(room)),
      leave: jest.fn(async (room: string) => void joined.delete(room)),
    } as unknown as RealtimeSocket & { joined: Set<string> };
  };

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    participation = jest.fn().mockResolvedValue({});
    tracker = new TypingTracker({ typingLapseMs: LAPSE_MS } as AppConfig);
    gateway = new MessagingGateway(
      broadcaster,
      { participation } as unknown as ThreadsService,
      {} as MessagesService,
      tracker,
      new RecoveredRooms(),
    );
  });
  afterEach(() => {
    tracker.onModuleDestroy();
    jest.useRealTimers();
  });

  it('joins the thread room only after the participation check passes', async () => {
    const member = socket();
    expect(await gateway.join(member, { threadId })).toEqual({ ok: true });
    expect(participation).toHaveBeenCalledWith(tenantId, threadId, 'nurse');
    expect(member.joined).toEqual(new Set([rooms.thread(tenantId, threadId)]));

    participation.mockRejectedValueOnce(new ForbiddenException());
    const outsider = socket('s2');
    await expect(gateway.join(outsider, { threadId })).rejects.toBeInstanceOf(ForbiddenException);
    expect(outsider.joined.size).toBe(0);
  });

  it('gives the room back up when the person left the thread between the check and the join', async () => {
    const member = socket();
    // The first check passes; the leave commits (and finds no socket of theirs in the room) before the join.
    participation.mockResolvedValueOnce({}).mockRejectedValueOnce(new ForbiddenException());
    await expect(gateway.join(member, { threadId })).rejects.toBeInstanceOf(ForbiddenException);
    expect(member.join).toHaveBeenCalledWith(rooms.thread(tenantId, threadId));
    expect(member.joined.size).toBe(0);
  });

  it('relays typing to the thread room except the typist, then lapses it', async () => {
    await gateway.typingStart(socket(), { threadId });
    const typing = { threadId, userId: 'nurse', name: 'Nora Quinn' };
    expect(sent).toEqual([
      {
        kind: 'signal',
        rooms: [rooms.thread(tenantId, threadId)],
        event: 'typing',
        payload: { ...typing, isTyping: true },
        exceptUserId: 'nurse',
      },
    ]);
    jest.advanceTimersByTime(LAPSE_MS);
    expect(sent[1]).toMatchObject({ event: 'typing', payload: { ...typing, isTyping: false }, exceptUserId: 'nurse' });
  });

  it('stops typing on typing:stop, on sending and on disconnect, once each', async () => {
    const typist = socket();
    const stops = () => sent.filter((s) => s.event === 'typing' && !(s.payload as { isTyping: boolean }).isTyping);

    await gateway.typingStart(typist, { threadId });
    await gateway.typingStop(typist, { threadId });
    await gateway.typingStop(typist, { threadId });
    expect(stops()).toHaveLength(1);

    await gateway.typingStart(typist, { threadId });
    const message = {
      id: 'm1',
      kind: 'message' as const,
      senderId: 'nurse',
      senderName: 'Nora Quinn',
      body: 'Hi',
      sentAt: '',
    };
    const event = new MessageSent(tenantId, { id: 'nurse', name: 'Nora Quinn' }, threadId, message, [
      'nurse',
      'provider',
    ]);
    gateway.messageSent(event);
    await gateway.senderStoppedTyping(event);
    expect(stops()).toHaveLength(2);
    expect(sent.find((s) => s.event === 'message:new')).toMatchObject({
      kind: 'publish',
      rooms: [rooms.user(tenantId, 'nurse'), rooms.user(tenantId, 'provider')],
      payload: { threadId, message },
    });

    await gateway.typingStart(typist, { threadId });
    gateway.handleDisconnect(typist);
    jest.advanceTimersByTime(LAPSE_MS);
    expect(stops()).toHaveLength(3);
  });

  it('starts no typing for a socket that closed while its typing:start was being checked', async () => {
    const closing = socket();
    participation.mockImplementationOnce(async () => {
      // The tab closes meanwhile: its disconnect finds nothing of it typing yet.
      Object.assign(closing, { disconnected: true });
      gateway.handleDisconnect(closing);
      return {};
    });
    expect(await gateway.typingStart(closing, { threadId })).toEqual({ ok: true });
    expect(sent).toEqual([]);
    expect(await tracker.typingIn(tenantId, threadId)).toEqual([]);
  });

  it("sends an unread count to that person's sockets only", () => {
    const unread = { total: 2, byThread: { [threadId]: 2 } };
    gateway.unreadCountChanged(new UnreadCountChanged(tenantId, 'provider', unread));
    expect(sent).toEqual([
      {
        kind: 'signal',
        rooms: [rooms.user(tenantId, 'provider')],
        event: 'message:unread-count',
        payload: unread,
        exceptUserId: undefined,
      },
    ]);
  });
});
