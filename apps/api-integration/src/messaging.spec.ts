import {
  characterCount,
  ChatMessage,
  DomainEvent,
  MESSAGE_BODY_MAX_LENGTH,
  StaffMember,
  ThreadSummary,
  UnreadMessagesCount,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const TYPING_LAPSE_MS = 1000;
/** Room for every test's commands and round trips within a window; the flood test sends twice as many. */
const RATE_LIMIT_POINTS = 25;

describe('messaging, live', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let otherClinic: StaffSession;
  let nurseTabs: RealtimeTestClient[];
  let providerSocket: RealtimeTestClient;
  let deskSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let thread: ThreadSummary;

  beforeAll(async () => {
    server = await startApiServer({
      env: { TYPING_LAPSE_MS: String(TYPING_LAPSE_MS), WS_RATE_LIMIT_POINTS: String(RATE_LIMIT_POINTS) },
    });
    [nurse, provider, frontDesk, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
    nurseTabs = [await nurse.connect(), await nurse.connect()];
    providerSocket = await provider.connect();
    deskSocket = await frontDesk.connect();
    otherSocket = await otherClinic.connect();
    const created = await nurse.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [provider.userId],
      subject: 'Biopsy results follow-up',
    });
    expect(created.status).toBe(201);
    thread = created.body;
  });
  afterAll(async () => {
    [nurse, provider, frontDesk, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const post = async (from: StaffSession, body: string, threadId = thread.id) => {
    const response = await from.rest.post<ChatMessage>(`/api/threads/${threadId}/messages`, { body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const isMessage = (message: ChatMessage) => (e: DomainEvent<'message:new'>) => e.data.message.id === message.id;
  const counts = (threadId: string) => (c: UnreadMessagesCount) => c.byThread[threadId] !== undefined;

  it("lists the caller's threads with unread counts and read positions, within the clinic", async () => {
    const mine = await frontDesk.rest.get<ThreadSummary[]>('/api/threads');
    expect(mine.status).toBe(200);
    const demo = mine.body.find((t) => t.participants.some((p) => p.id === provider.userId));
    expect(demo).toMatchObject({ unread: 1, lastMessage: { senderId: provider.userId } });
    expect(Object.keys(demo!.readBy).sort()).toEqual([nurse.userId, provider.userId, frontDesk.userId].sort());
    expect(mine.body.some((t) => t.id === thread.id)).toBe(false);
    expect((await frontDesk.rest.get<UnreadMessagesCount>('/api/threads/unread-count')).body.total).toBe(1);

    const theirs = await otherClinic.rest.get<ThreadSummary[]>('/api/threads');
    expect(theirs.body.length).toBeGreaterThan(0);
    expect(theirs.body.some((t) => t.id === demo!.id)).toBe(false);
  });

  it('delivers a message in the envelope to each socket of every participant, and to no one else', async () => {
    const message = await post(provider, 'The pathology report is in.');
    const received = await Promise.all(
      [...nurseTabs, providerSocket].map((socket) => socket.waitFor('message:new', isMessage(message))),
    );
    for (const event of received) {
      expect(event).toEqual({
        id: expect.any(String),
        type: 'message:new',
        tenantId: provider.tenantId,
        occurredAt: expect.any(String),
        actor: { id: provider.userId, name: provider.login.user.name },
        data: { threadId: thread.id, message },
      });
    }
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
    await deskSocket.expectNone('message:new', isMessage(message));
    await otherSocket.expectNone('message:new');
  });

  it('raises the unread count on a new message and lowers it on mark-read, on both sockets of the reader', async () => {
    const first = await post(provider, 'Can you call the patient?');
    const second = await post(provider, 'Before noon, please.');
    for (const tab of nurseTabs) {
      await tab.waitFor('message:unread-count', (c) => c.byThread[thread.id] === 3);
    }
    await providerSocket.expectNone('message:unread-count', counts(thread.id));

    const ack = await nurseTabs[0].command('message:mark-read', { threadId: thread.id, messageId: first.id });
    expect(ack).toEqual({ ok: true, unread: { total: 1, byThread: { [thread.id]: 1 } } });
    for (const tab of nurseTabs) {
      expect(await tab.waitFor('message:unread-count', (c) => c.byThread[thread.id] === 1)).toEqual(
        ack.ok && ack.unread,
      );
    }
    const read = await providerSocket.waitFor('message:read', (e) => e.data.messageId === first.id);
    expect(read).toMatchObject({
      type: 'message:read',
      tenantId: nurse.tenantId,
      actor: { id: nurse.userId },
      data: { threadId: thread.id, messageId: first.id, readerId: nurse.userId, readAt: expect.any(String) },
    });
    await nurseTabs[1].waitFor('message:read', (e) => e.data.messageId === first.id);

    expect(await nurseTabs[1].command('message:mark-read', { threadId: thread.id, messageId: second.id })).toEqual({
      ok: true,
      unread: { total: 0, byThread: {} },
    });
    for (const tab of nurseTabs) await tab.waitFor('message:unread-count', (c) => c.total === 0);
    const threads = await provider.rest.get<ThreadSummary[]>('/api/threads');
    expect(threads.body.find((t) => t.id === thread.id)?.readBy[nurse.userId]).toBe(second.id);
    await deskSocket.expectNone('message:read');
  });

  it('relays typing to the thread room but not to the typist, and lets it lapse by itself', async () => {
    for (const socket of [...nurseTabs, providerSocket]) {
      expect(await socket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
    }
    const startedAt = Date.now();
    expect(await providerSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
    const typing = { threadId: thread.id, userId: provider.userId, name: provider.login.user.name };
    for (const tab of nurseTabs) {
      expect(await tab.waitFor('typing', (t) => t.isTyping)).toEqual({ ...typing, isTyping: true });
    }
    const lapsed = await nurseTabs[0].waitFor('typing', (t) => !t.isTyping, TYPING_LAPSE_MS + 2000);
    expect(lapsed).toEqual({ ...typing, isTyping: false });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(TYPING_LAPSE_MS - 100);
    await nurseTabs[1].waitFor('typing', (t) => !t.isTyping);
    await providerSocket.expectNone('typing');
    await deskSocket.expectNone('typing');
  });

  it('ends typing on typing:stop and when the typist sends the message', async () => {
    const [tab] = nurseTabs;
    await tab.command('typing:start', { threadId: thread.id });
    await tab.command('typing:stop', { threadId: thread.id });
    await providerSocket.waitFor('typing', (t) => t.userId === nurse.userId && t.isTyping);
    await providerSocket.waitFor('typing', (t) => t.userId === nurse.userId && !t.isTyping);

    await tab.command('typing:start', { threadId: thread.id });
    await providerSocket.waitFor('typing', (t) => t.userId === nurse.userId && t.isTyping);
    const message = await post(nurse, 'Called, she is coming Thursday.');
    await providerSocket.waitFor('typing', (t) => t.userId === nurse.userId && !t.isTyping, 500);
    await providerSocket.waitFor('message:new', isMessage(message));
    await nurseTabs[1].expectNone('typing', (t) => t.userId === nurse.userId);
  });

  it("ends typing at once when the typist's socket disconnects", async () => {
    const closingTab = await provider.connect();
    await closingTab.command('typing:start', { threadId: thread.id });
    await nurseTabs[0].waitFor('typing', (t) => t.userId === provider.userId && t.isTyping);
    closingTab.close();
    await nurseTabs[0].waitFor('typing', (t) => t.userId === provider.userId && !t.isTyping, TYPING_LAPSE_MS / 2);
  });

  it('tells a socket that opens the thread who is typing there already, and no one else', async () => {
    const typing = { threadId: thread.id, userId: provider.userId, name: provider.login.user.name, isTyping: true };
    expect(await providerSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
    await nurseTabs[0].waitFor('typing', (t) => t.userId === provider.userId && t.isTyping);
    const late = await Promise.all([nurse.connect(), provider.connect(), frontDesk.connect(), nurse.connect()]);
    const [lateNurseTab, secondProviderTab, lateDeskSocket, afterStop] = late;
    try {
      // No renewal is sent, so what the late tab hears can only come from its join.
      expect(await lateNurseTab.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      expect(await lateNurseTab.waitFor('typing', () => true, 500)).toEqual(typing);

      expect(await secondProviderTab.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      await secondProviderTab.expectNone('typing');
      expect(await lateDeskSocket.command('thread:join', { threadId: thread.id })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await otherSocket.command('thread:join', { threadId: thread.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      await nurseTabs[0].expectNone('typing', (t) => t.userId === provider.userId && t.isTyping);
      await Promise.all([lateDeskSocket.expectNone('typing'), otherSocket.expectNone('typing')]);

      expect(await providerSocket.command('typing:stop', { threadId: thread.id })).toEqual({ ok: true });
      await lateNurseTab.waitFor('typing', (t) => !t.isTyping);
      expect(await afterStop.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      await afterStop.expectNone('typing');
    } finally {
      late.forEach((socket) => socket.close());
    }
  });

  it('keeps non-participants out with FORBIDDEN and another clinic with NOT_FOUND', async () => {
    const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } };
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } };
    expect(await deskSocket.command('thread:join', { threadId: thread.id })).toEqual(forbidden);
    expect(await deskSocket.command('typing:start', { threadId: thread.id })).toEqual(forbidden);
    expect(await otherSocket.command('thread:join', { threadId: thread.id })).toEqual(notFound);
    expect(await otherSocket.command('typing:start', { threadId: thread.id })).toEqual(notFound);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await providerSocket.command('thread:join', { threadId: unknown })).toEqual(notFound);

    const last = (await nurse.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`)).body.at(-1)!;
    expect(await deskSocket.command('message:mark-read', { threadId: thread.id, messageId: last.id })).toEqual(
      forbidden,
    );

    expect((await frontDesk.rest.get(`/api/threads/${thread.id}/messages`)).status).toBe(403);
    expect((await frontDesk.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Hi' })).status).toBe(403);
    expect((await otherClinic.rest.get(`/api/threads/${thread.id}/messages`)).status).toBe(404);
    expect((await otherClinic.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Hi' })).status).toBe(404);
    await providerSocket.expectNone('typing', (t) => t.userId !== nurse.userId);
  });

  it('answers malformed commands with VALIDATION_FAILED', async () => {
    const socket = await nurse.connect();
    const malformed: [string, unknown[]][] = [
      ['thread:join', [{ threadId: 'not-a-uuid' }]],
      ['thread:join', [{}]],
      ['thread:leave', ['just a string']],
      ['typing:start', [null]],
      ['typing:stop', [{ threadId: thread.id, extra: true }]],
      ['message:mark-read', [{ threadId: thread.id }]],
      ['message:mark-read', [[thread.id]]],
    ];
    for (const [event, args] of malformed) {
      const ack = (await socket.raw(event, args)) as { ok: boolean; error?: { code: string } };
      expect({ event, ok: ack.ok, code: ack.error?.code }).toEqual({ event, ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(socket.connected).toBe(true);
    expect(await socket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
    socket.close();
  });

  it('refuses an empty or over-long body and sends nothing', async () => {
    const url = `/api/threads/${thread.id}/messages`;
    const since = Date.now();
    const tooLong = await nurse.rest.post<{ fields: Record<string, string[]> }>(url, {
      body: 'x'.repeat(MESSAGE_BODY_MAX_LENGTH + 1),
    });
    expect(tooLong.status).toBe(400);
    expect(Object.keys(tooLong.body.fields)).toEqual(['body']);
    expect((await nurse.rest.post(url, { body: '  \n ' })).status).toBe(400);
    expect((await nurse.rest.post(url, {})).status).toBe(400);
    await providerSocket.expectNone('message:new', (e) => Date.parse(e.occurredAt) >= since);

    const longest = await post(nurse, 'y'.repeat(MESSAGE_BODY_MAX_LENGTH));
    expect(longest.body).toHaveLength(MESSAGE_BODY_MAX_LENGTH);
    await providerSocket.waitFor('message:new', isMessage(longest));
  });

  it('takes a body of emoji up to the characters the portal lets through, each counting one, and not one more', async () => {
    const url = `/api/threads/${thread.id}/messages`;
    for (const body of ['😀'.repeat(MESSAGE_BODY_MAX_LENGTH), '❤\uFE0F'.repeat(MESSAGE_BODY_MAX_LENGTH / 2)]) {
      expect(characterCount(body)).toBe(MESSAGE_BODY_MAX_LENGTH);
      expect((await post(nurse, body)).body).toBe(body);
    }
    const oneMore = await nurse.rest.post<{ fields: Record<string, string[]> }>(url, {
      body: '😀'.repeat(MESSAGE_BODY_MAX_LENGTH + 1),
    });
    expect(oneMore.status).toBe(400);
    expect(Object.keys(oneMore.body.fields)).toEqual(['body']);
  });

  it('validates new threads: someone else, of this clinic', async () => {
    const staff = (await otherClinic.rest.get<StaffMember[]>('/api/staff')).body;
    expect((await nurse.rest.post('/api/threads', { participantIds: [] })).status).toBe(400);
    expect((await nurse.rest.post('/api/threads', { participantIds: [nurse.userId] })).status).toBe(400);
    expect((await nurse.rest.post('/api/threads', { participantIds: [staff[0].id] })).status).toBe(404);
  });

  it('pages a thread oldest first, before a given message', async () => {
    const all = (await nurse.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`)).body;
    expect(all.map((m) => m.sentAt)).toEqual([...all.map((m) => m.sentAt)].sort());
    const page = await nurse.rest.get<ChatMessage[]>(
      `/api/threads/${thread.id}/messages?before=${all.at(-1)!.id}&limit=2`,
    );
    expect(page.body).toEqual(all.slice(-3, -1));
    expect((await nurse.rest.get(`/api/threads/${thread.id}/messages?limit=0`)).status).toBe(400);
  });

  it("rate-limits a flooding socket while a neighbour's messages still arrive", async () => {
    // The budget is per person, over all their sockets: someone who has sent nothing yet.
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    const flooder = await admin.connect();
    const acks = await Promise.all(
      Array.from({ length: RATE_LIMIT_POINTS * 2 }, () => flooder.command('typing:start', { threadId: thread.id })),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(limited).toHaveLength(RATE_LIMIT_POINTS);
    expect(flooder.connected).toBe(true);

    const message = await post(provider, 'Still reaching everyone?');
    await nurseTabs[0].waitFor('message:new', isMessage(message));
    await providerSocket.waitFor('message:new', isMessage(message));
    expect(await providerSocket.command('typing:stop', { threadId: thread.id })).toEqual({ ok: true });
    admin.close();
  });
});
