import fc from 'fast-check';
import {
  Ack,
  AlertSummary,
  ChatMessage,
  CLIENT_COMMAND_NAMES,
  ClientCommandName,
  ERROR_CODES,
  NotificationList,
  PatientSummary,
  ThreadSummary,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

/** Fixed so a failure replays; FUZZ_SEED tries another sequence. fast-check prints seed and path on failure. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const NUM_RUNS = 100;
const ACK_TIMEOUT_MS = 5000;

/** Every command of the contract (compile-checked against ClientCommandMap there). */
const COMMANDS = CLIENT_COMMAND_NAMES;

/** Names socket.io-client refuses to emit: not something a server can be sent. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

/** One clinic's ids, which the other clinic must never hear of. */
interface ClinicIds {
  tenantId: string;
  userIds: string[];
  patientIds: string[];
  threadIds: string[];
  messageIds: string[];
  notificationIds: string[];
  tokens: string[];
}

interface Recorded {
  socket: string;
  tenantId: string;
  event: string;
  payload: unknown;
}

describe('socket command surface under random abuse from two clinics', () => {
  let server: ApiServer;
  let riverside: { attacker: StaffSession; observer: StaffSession; polite: StaffSession };
  let lakeside: { attacker: StaffSession; observer: StaffSession };
  let ids: { riverside: ClinicIds; lakeside: ClinicIds };
  const sockets: { name: string; tenantId: string; client: RealtimeTestClient }[] = [];
  const received: Recorded[] = [];
  let politeThread: ThreadSummary;

  const listen = async (name: string, session: StaffSession) => {
    const client = await session.connect();
    client.socket.onAny((event: string, payload: unknown) =>
      received.push({ socket: name, tenantId: session.tenantId, event, payload }),
    );
    sockets.push({ name, tenantId: session.tenantId, client });
    return client;
  };

  /** A thread, a message in it and an alert, so every kind of id exists in the clinic. */
  const clinicIds = async (author: StaffSession, colleague: StaffSession, admin: StaffSession): Promise<ClinicIds> => {
    const thread = (
      await author.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [colleague.userId],
        subject: 'Fuzz target',
      })
    ).body;
    const message = (
      await colleague.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, {
        body: 'Fuzz me',
      })
    ).body;
    await admin.rest.post<AlertSummary>('/api/alerts', {
      title: 'Fuzz alert',
      to: { userIds: [author.userId] },
    });
    const patients = (await author.rest.get<PatientSummary[]>('/api/patients')).body;
    const inbox = (await author.rest.get<NotificationList>('/api/notifications')).body;
    return {
      tenantId: author.tenantId,
      userIds: [author.userId, colleague.userId, admin.userId],
      patientIds: patients.map((patient) => patient.id),
      threadIds: [thread.id],
      messageIds: [message.id],
      notificationIds: inbox.items.map((notification) => notification.id),
      tokens: [author.token],
    };
  };

  beforeAll(async () => {
    // A budget this large lets the fuzz reach the handlers; RATE_LIMITED would count as answered too.
    server = await startApiServer({
      env: { WS_RATE_LIMIT_POINTS: '100000', WS_RATE_LIMIT_WINDOW_MS: '1000' },
    });
    const signIn = (email: string) => StaffSession.signIn(server.url, email);
    const [rNurse, rAdmin, rProvider, lNurse, lAdmin, lProvider] = await Promise.all(
      [
        'nurse@riverside.test',
        'admin@riverside.test',
        'provider@riverside.test',
        'nurse@lakeside.test',
        'admin@lakeside.test',
        'provider@lakeside.test',
      ].map(signIn),
    );
    riverside = { attacker: rNurse, observer: rAdmin, polite: rProvider };
    lakeside = { attacker: lNurse, observer: lAdmin };
    ids = {
      riverside: await clinicIds(rNurse, rProvider, rAdmin),
      lakeside: await clinicIds(lNurse, lProvider, lAdmin),
    };
    politeThread = (
      await rProvider.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [rAdmin.userId],
        subject: 'Polite',
      })
    ).body;
    await listen('riverside attacker', rNurse);
    await listen('riverside observer', rAdmin);
    await listen('lakeside attacker', lNurse);
    await listen('lakeside observer', lAdmin);
    lProvider.close();
  });
  afterAll(async () => {
    [riverside?.attacker, riverside?.observer, riverside?.polite, lakeside?.attacker, lakeside?.observer].forEach((s) =>
      s?.close(),
    );
    await server?.dispose();
  });

  const otherClinicOf = (tenantId: string) => (tenantId === ids.riverside.tenantId ? ids.lakeside : ids.riverside);
  const secretsOf = (clinic: ClinicIds) => [
    clinic.tenantId,
    ...clinic.userIds,
    ...clinic.patientIds,
    ...clinic.threadIds,
    ...clinic.messageIds,
    ...clinic.notificationIds,
  ];

  /** An id of either clinic, or one of nobody's. */
  const anyId = () =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(...secretsOf(ids.riverside), ...secretsOf(ids.lakeside)),
      },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    );
  const threadRef = () => anyId().map((threadId) => ({ threadId }));
  const patientRef = () => anyId().map((patientId) => ({ patientId }));
  const token = () =>
    fc.constantFrom(...ids.riverside.tokens, ...ids.lakeside.tokens, 'not.a.jwt').map((value) => ({ token: value }));
  /** The right shape for each command, with ids of either clinic or of nobody. */
  const shapedFor: Record<ClientCommandName, () => fc.Arbitrary<unknown>> = {
    'thread:join': threadRef,
    'thread:leave': threadRef,
    'typing:start': threadRef,
    'typing:stop': threadRef,
    'message:mark-read': () => fc.record({ threadId: anyId(), messageId: anyId() }),
    'notification:mark-read': () => fc.array(anyId(), { maxLength: 30 }).map((list) => ({ ids: list })),
    'notification:ack': () => anyId().map((id) => ({ id })),
    'patient:view-start': patientRef,
    'patient:view-stop': patientRef,
    'presence:list': () => fc.constant({}),
    'session:refresh': token,
  };
  const nested = (depth: number) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { deeper: value };
    return value;
  };
  /** Any payload: another command's shape, wrong types, huge and deeply nested values. */
  const payload = () =>
    fc.oneof(
      ...COMMANDS.map((name) => shapedFor[name]()),
      fc.anything({
        maxDepth: 4,
        withBigInt: false,
        withMap: false,
        withSet: false,
        withTypedArray: false,
      }),
      fc.integer({ min: 10, max: 400 }).map(nested),
      // Large, yet three of them stay under the 64 KB packet limit (a larger packet closes the socket by design).
      fc.integer({ min: 1_000, max: 15_000 }).map((size) => ({ threadId: 'x'.repeat(size) })),
      fc
        .integer({ min: 500, max: 1_500 })
        .map((count) => ({ ids: Array.from({ length: count }, (_, i) => `id-${i}`) })),
      fc.constantFrom(null, 0, -1, true, 'thread', [], [[]], 1e308),
    );
  const commandName = () =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...COMMANDS) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'appointment:delete',
          'admin:grant',
          'constructor',
          '__proto__',
          'toString',
          'message:new',
          'session:ready',
        ),
      },
      {
        weight: 1,
        arbitrary: fc.string({ minLength: 1, maxLength: 60 }).filter((name) => !RESERVED.has(name)),
      },
    );
  const from = () => fc.constantFrom<'riverside' | 'lakeside'>('riverside', 'lakeside');
  const command = () =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(...COMMANDS).chain((name) =>
          fc.record({
            from: from(),
            name: fc.constant<string>(name),
            args: shapedFor[name]().map((p) => [p]),
          }),
        ),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          from: from(),
          name: commandName(),
          args: fc.oneof(
            { weight: 4, arbitrary: payload().map((p) => [p]) },
            { weight: 1, arbitrary: fc.array(payload(), { maxLength: 3 }) },
          ),
        }),
      },
    );

  const attackerSocket = (from: 'riverside' | 'lakeside') => sockets.find((s) => s.name === `${from} attacker`)!.client;

  it(`answers every command, never fails inside, and tells no clinic of the other (${NUM_RUNS} runs, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command(), { minLength: 1, maxLength: 5 }), async (commands) => {
        const acks = await Promise.all(
          commands.map(async ({ from, name, args }) => {
            const ack = await attackerSocket(from)
              .raw(name, args, ACK_TIMEOUT_MS)
              .catch((error: Error) => ({ unanswered: error.message }));
            return { from, name, args, ack };
          }),
        );
        for (const { from, name, args, ack } of acks) {
          const context = `${from} sent ${name.slice(0, 60)}`;
          expect({ context, ack }).toEqual({
            context,
            ack: expect.objectContaining({ ok: expect.any(Boolean) }),
          });
          const answer = ack as Ack;
          if (!answer.ok) {
            expect(ERROR_CODES).toContain(answer.error.code);
            expect({ context, code: answer.error.code }).not.toEqual({ context, code: 'INTERNAL' });
          }
          // An answer names nothing of the other clinic that the sender did not name itself.
          const sent = JSON.stringify(args);
          const answered = JSON.stringify(ack);
          const tenantId = from === 'riverside' ? ids.riverside.tenantId : ids.lakeside.tenantId;
          const leaked = secretsOf(otherClinicOf(tenantId)).filter((id) => answered.includes(id) && !sent.includes(id));
          expect({ context, leaked }).toEqual({ context, leaked: [] });
        }
        for (const { socket, tenantId, event, payload: data } of received) {
          const text = JSON.stringify(data) ?? '';
          const leaked = secretsOf(otherClinicOf(tenantId)).filter((id) => text.includes(id));
          expect({ socket, event, leaked }).toEqual({ socket, event, leaked: [] });
        }
        expect(sockets.filter((s) => !s.client.connected).map((s) => s.name)).toEqual([]);
      }),
      { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
    );
  });

  it('still serves a well-behaved client its round trip after the abuse, and the other clinic hears nothing of it', async () => {
    const polite = await riverside.polite.connect();
    expect(await polite.command('thread:join', { threadId: politeThread.id })).toEqual({
      ok: true,
    });
    expect(await polite.command('presence:list', {})).toMatchObject({ ok: true });
    const observer = sockets.find((s) => s.name === 'riverside observer')!.client;
    const sent = await riverside.observer.rest.post<ChatMessage>(`/api/threads/${politeThread.id}/messages`, {
      body: 'Still here?',
    });
    expect(sent.status).toBe(201);
    await polite.waitFor('message:new', (e) => e.data.message.id === sent.body.id);
    await observer.waitFor('message:new', (e) => e.data.message.id === sent.body.id);
    expect(await observer.command('typing:start', { threadId: politeThread.id })).toEqual({
      ok: true,
    });
    await polite.waitFor(
      'typing',
      (signal) => signal.threadId === politeThread.id && signal.userId === riverside.observer.userId,
    );
    // The lakeside observer still gets answers, and nothing of that riverside exchange reached it.
    const lakesideObserver = sockets.find((s) => s.name === 'lakeside observer')!.client;
    expect(await lakesideObserver.command('presence:list', {})).toMatchObject({ ok: true });
    const heard = received
      .filter((r) => r.tenantId === ids.lakeside.tenantId)
      .map((r) => JSON.stringify(r.payload) ?? '');
    expect(heard.filter((text) => text.includes(politeThread.id) || text.includes(sent.body.id))).toEqual([]);
  });
});
