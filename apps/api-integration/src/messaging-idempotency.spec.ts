import { randomUUID } from 'node:crypto';
import {
  AlertSummary,
  ChatMessage,
  IDEMPOTENCY_KEY_HEADER,
  NotificationList,
  NotificationView,
  ThreadSummary,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startAnswerDroppingProxy } from './support/answer-dropping-proxy';
import { keyedRequest } from './support/keyed-request';

/** A REST post with an `Idempotency-Key`, to the API or through a proxy in front of it. */
const postWithKey = <T>(as: StaffSession, path: string, body: unknown, key: string, baseUrl?: string) =>
  keyedRequest<T>(as, 'POST', path, body, key, baseUrl);

describe('exactly once: idempotency keys on messages and acknowledgements', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let otherClinic: StaffSession;
  let providerSocket: RealtimeTestClient;
  let thread: ThreadSummary;
  let theirThread: ThreadSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, frontDesk, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@riverside.test', 'frontdesk@lakeside.test'].map(
        (email) => StaffSession.signIn(server.url, email),
      ),
    );
    providerSocket = await provider.connect();
    thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [provider.userId],
        subject: 'Exactly once',
      })
    ).body;
    const colleague = (await otherClinic.rest.get<{ id: string }[]>('/api/staff')).body.find(
      (s) => s.id !== otherClinic.userId,
    )!;
    theirThread = (await otherClinic.rest.post<ThreadSummary>('/api/threads', { participantIds: [colleague.id] })).body;
  });
  afterAll(async () => {
    [nurse, provider, frontDesk, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const messagesPath = (threadId = thread.id) => `/api/threads/${threadId}/messages`;
  const stored = async (body: string, as = nurse, threadId = thread.id) =>
    (await as.rest.get<ChatMessage[]>(`${messagesPath(threadId)}?limit=200`)).body.filter((m) => m.body === body);
  /**
   * How many `message:new` the provider got for this body. A marker posted afterwards arrives
   * after any duplicate would have, so waiting for it is waiting for the condition, not the clock.
   */
  const deliveries = async (body: string) => {
    const marker = (await nurse.rest.post<ChatMessage>(messagesPath(), { body: `marker ${randomUUID()}` })).body;
    await providerSocket.waitFor('message:new', (e) => e.data.message.id === marker.id);
    return providerSocket.received('message:new').filter((e) => e.data.message.body === body).length;
  };

  it('posts a message once for one key: one row, one message:new, and the retry gets the first answer', async () => {
    const key = randomUUID();
    const body = `Call the lab ${key}`;
    const first = await postWithKey<ChatMessage>(nurse, messagesPath(), { body }, key);
    const retry = await postWithKey<ChatMessage>(nurse, messagesPath(), { body }, key);

    expect(first).toEqual({
      status: 201,
      body: expect.objectContaining({ body, senderId: nurse.userId }),
    });
    expect(retry).toEqual(first);
    expect(await stored(body)).toEqual([first.body]);
    expect(await deliveries(body)).toBe(1);
  });

  it('posts once when the same key arrives twice at the same moment (a double click)', async () => {
    const key = randomUUID();
    const body = `Double click ${key}`;
    const answers = await Promise.all(
      [1, 2, 3].map(() => postWithKey<ChatMessage>(nurse, messagesPath(), { body }, key)),
    );

    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await stored(body)).toHaveLength(1);
    expect(await deliveries(body)).toBe(1);
  });

  it('keeps one row when the answer is lost after the commit and the client retries', async () => {
    const proxy = await startAnswerDroppingProxy(server.port);
    try {
      const key = randomUUID();
      const body = `Lost answer ${key}`;
      proxy.dropAnswers(true);
      const lost = postWithKey<ChatMessage>(nurse, messagesPath(), { body }, key, proxy.url);
      // The provider hears the message only after the commit: the write is done, its answer held.
      const delivered = await providerSocket.waitFor('message:new', (e) => e.data.message.body === body);
      proxy.cut();
      await expect(lost).rejects.toThrow();

      const retry = await postWithKey<ChatMessage>(nurse, messagesPath(), { body }, key);
      expect(retry).toEqual({ status: 201, body: delivered.data.message });
      expect(await stored(body)).toHaveLength(1);
      expect(await deliveries(body)).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("scopes keys to the user and the clinic: someone else's key is theirs alone", async () => {
    const key = randomUUID();
    const body = `Scoped ${key}`;
    const nurses = await postWithKey<ChatMessage>(nurse, messagesPath(), { body }, key);
    const providers = await postWithKey<ChatMessage>(provider, messagesPath(), { body }, key);
    expect(providers.status).toBe(201);
    expect(providers.body).toMatchObject({ body, senderId: provider.userId });
    expect(providers.body.id).not.toBe(nurses.body.id);
    expect(await stored(body)).toHaveLength(2);

    const foreign = await postWithKey<ChatMessage>(otherClinic, messagesPath(), { body }, key);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(nurses.body.id);
    const theirs = await postWithKey<ChatMessage>(otherClinic, messagesPath(theirThread.id), { body }, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body).toMatchObject({ body, senderId: otherClinic.userId });
    expect(theirs.body.id).not.toBe(nurses.body.id);

    const outsider = await postWithKey<ChatMessage>(frontDesk, messagesPath(), { body }, key);
    expect(outsider.status).toBe(403);
    expect(await stored(body)).toHaveLength(2);
  });

  it('refuses a key reused for a different request with 422 IDEMPOTENCY_KEY_REUSED, and stores nothing', async () => {
    const key = randomUUID();
    const first = await postWithKey<ChatMessage>(nurse, messagesPath(), { body: `First ${key}` }, key);
    expect(first.status).toBe(201);
    const otherBody = await postWithKey<{ code: string; message: string }>(
      nurse,
      messagesPath(),
      { body: `Second ${key}` },
      key,
    );
    expect(otherBody).toEqual({
      status: 422,
      body: expect.objectContaining({
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: expect.stringContaining('different'),
      }),
    });
    expect(await stored(`Second ${key}`)).toEqual([]);

    const other = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [frontDesk.userId] })).body;
    const otherThread = await postWithKey(nurse, messagesPath(other.id), { body: `First ${key}` }, key);
    expect(otherThread.status).toBe(422);
    expect(await stored(`First ${key}`, nurse, other.id)).toEqual([]);
  });

  it('refuses a malformed key with 400, before anything is written', async () => {
    const body = `Bad key ${randomUUID()}`;
    for (const key of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+']) {
      const answer = await postWithKey<{ message: string }>(nurse, messagesPath(), { body }, key);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(IDEMPOTENCY_KEY_HEADER);
    }
    expect(await stored(body)).toEqual([]);
  });

  it('lists the header in the OpenAPI document of both routes', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { post?: { parameters?: Array<{ name: string; in: string }> } }>;
    };
    for (const path of ['/api/threads/{id}/messages', '/api/notifications/{id}/ack']) {
      expect(document.paths[path]?.post?.parameters).toContainEqual(
        expect.objectContaining({ name: IDEMPOTENCY_KEY_HEADER, in: 'header' }),
      );
    }
  });

  describe('acknowledging an urgent alert', () => {
    let nurseTab: RealtimeTestClient;
    let otherTab: RealtimeTestClient;

    beforeAll(async () => {
      [nurseTab, otherTab] = [await nurse.connect(), await nurse.connect()];
    });

    const alertNurse = async (title: string): Promise<NotificationView> => {
      const sent = await frontDesk.rest.post<AlertSummary>('/api/alerts', {
        title,
        body: 'Room 2',
        to: { userIds: [nurse.userId] },
      });
      expect(sent.status).toBe(201);
      await nurseTab.waitFor('notification:new', (e) => e.data.notification.title === title);
      return (await nurse.rest.get<NotificationList>('/api/notifications')).body.items.find((n) => n.title === title)!;
    };
    const readSignals = (id: string) =>
      otherTab.received('notification:read').filter((read) => read.ids.includes(id)).length;

    it('answers a replayed command and its REST fallback alike, announcing the acknowledgement once', async () => {
      const alert = await alertNurse(`Replay ${randomUUID()}`);
      const key = randomUUID();
      expect(await nurseTab.command('notification:ack', { id: alert.id, idempotencyKey: key })).toEqual({ ok: true });
      expect(await nurseTab.command('notification:ack', { id: alert.id, idempotencyKey: key })).toEqual({ ok: true });
      const rest = await postWithKey<NotificationView>(nurse, `/api/notifications/${alert.id}/ack`, {}, key);
      expect(rest).toEqual({
        status: 200,
        body: expect.objectContaining({ id: alert.id, acknowledgedAt: expect.any(String) }),
      });

      await otherTab.waitFor('notification:read', (read) => read.ids.includes(alert.id));
      // A later alert's announcement comes after any duplicate of this one's.
      const later = await alertNurse(`Later ${randomUUID()}`);
      await nurseTab.command('notification:ack', { id: later.id, idempotencyKey: randomUUID() });
      await otherTab.waitFor('notification:read', (read) => read.ids.includes(later.id));
      expect(readSignals(alert.id)).toBe(1);
    });

    it('keeps one acknowledgement when the socket dies after the commit, before the ack, and the retry goes over REST', async () => {
      const alert = await alertNurse(`Cut ${randomUUID()}`);
      const proxy = await startAnswerDroppingProxy(server.port);
      try {
        const viaProxy = await RealtimeTestClient.connect(proxy.url, nurse.token);
        const key = randomUUID();
        proxy.dropAnswers(true);
        const lost = viaProxy.command('notification:ack', { id: alert.id, idempotencyKey: key }, 2000);
        // The other tab hears it only after the commit: the acknowledgement is stored, its ack held.
        await otherTab.waitFor('notification:read', (read) => read.ids.includes(alert.id));
        proxy.cut();
        await expect(lost).rejects.toThrow();
        viaProxy.close();

        const retry = await postWithKey<NotificationView>(nurse, `/api/notifications/${alert.id}/ack`, {}, key);
        expect(retry).toEqual({
          status: 200,
          body: expect.objectContaining({ id: alert.id, acknowledgedAt: expect.any(String) }),
        });
        const later = await alertNurse(`After the cut ${randomUUID()}`);
        await nurseTab.command('notification:ack', { id: later.id, idempotencyKey: randomUUID() });
        await otherTab.waitFor('notification:read', (read) => read.ids.includes(later.id));
        expect(readSignals(alert.id)).toBe(1);
      } finally {
        await proxy.close();
      }
    });

    it('refuses the key of one acknowledgement for another alert, on the socket and over REST', async () => {
      const [first, second] = [await alertNurse(`First ${randomUUID()}`), await alertNurse(`Second ${randomUUID()}`)];
      const key = randomUUID();
      expect(await nurseTab.command('notification:ack', { id: first.id, idempotencyKey: key })).toEqual({ ok: true });
      expect(await nurseTab.command('notification:ack', { id: second.id, idempotencyKey: key })).toEqual({
        ok: false,
        error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('different') },
      });
      expect((await postWithKey(nurse, `/api/notifications/${second.id}/ack`, {}, key)).status).toBe(422);
      const inbox = (await nurse.rest.get<NotificationList>('/api/notifications')).body.items;
      expect(inbox.find((n) => n.id === second.id)?.acknowledgedAt).toBeUndefined();
    });

    it("never answers someone else's acknowledgement for their key", async () => {
      const alert = await alertNurse(`Private ${randomUUID()}`);
      const key = randomUUID();
      await postWithKey(nurse, `/api/notifications/${alert.id}/ack`, {}, key);
      for (const stranger of [provider, otherClinic]) {
        const answer = await postWithKey(stranger, `/api/notifications/${alert.id}/ack`, {}, key);
        expect(answer.status).toBe(404);
      }
      const socket = await otherClinic.connect();
      expect(await socket.command('notification:ack', { id: alert.id, idempotencyKey: key })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await nurseTab.command('notification:ack', { id: alert.id, idempotencyKey: 'not a key' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', fields: { idempotencyKey: expect.any(Array) } },
      });
    });
  });
});
