import { ClientCommandName, PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const NOT_AN_OBJECT = { ok: false, error: { code: 'VALIDATION_FAILED', message: 'The payload must be a JSON object' } };
const SOME_ID = '7f1f5f6e-0a3b-4c59-9d5e-2f4c8f0b9a11';

/** Binary data as a client may send it; socket.io-client sends each as an attachment, the server reads a Buffer. */
const binaries = (): [string, unknown][] => [
  ['a Buffer', Buffer.from('x')],
  ['an empty Buffer', Buffer.alloc(0)],
  ['a Uint8Array', new Uint8Array([123, 125])],
  ['an ArrayBuffer', new Uint8Array([123, 125]).buffer],
  ['a Float64Array', new Float64Array([1])],
  ['a DataView', new DataView(new ArrayBuffer(2))],
];

describe('command payloads: only a JSON object is a payload, never binary data', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakesideNurse: StaffSession;
  let thread: ThreadSummary;
  let patient: PatientSummary;
  /** The nurse's socket, which sends; a colleague's, in the nurse's thread; a socket of another clinic. */
  let socket: RealtimeTestClient;
  let colleague: RealtimeTestClient;
  let outsider: RealtimeTestClient;

  beforeAll(async () => {
    // Every refusal below is a command of its own; the budgets have their own suites.
    server = await startApiServer({ env: { WS_RATE_LIMIT_POINTS: '100000', WS_REFRESH_POINTS: '100000' } });
    [nurse, provider, lakesideNurse] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'nurse@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId], subject: 'Binary' })
    ).body;
    patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
    [socket, colleague, outsider] = await Promise.all([nurse.connect(), provider.connect(), lakesideNurse.connect()]);
    expect(await colleague.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
    // What connecting brings (the unread count, colleagues' arrivals) is heard before listening starts.
    await Promise.all([socket, colleague, outsider].map((client) => client.waitFor('notification:unread-count')));
    const online = async (client: RealtimeTestClient, userIds: string[]) => {
      const ack = await client.command('presence:list', {});
      return ack.ok && userIds.every((userId) => ack.online.some((person) => person.userId === userId));
    };
    await eventually('all three online', async () => await online(colleague, [nurse.userId, provider.userId]), 3000);
    await eventually('the other clinic online', async () => await online(outsider, [lakesideNurse.userId]), 3000);
    await Promise.all([colleague.roundTrip(), outsider.roundTrip()]);
  });
  afterAll(async () => {
    [socket, colleague, outsider].forEach((client) => client?.close());
    [nurse, provider, lakesideNurse].forEach((session) => session?.close());
    await server?.dispose();
  });

  /** A payload of each command the server would take, but for what each test changes. */
  const validPayloads = (): Record<ClientCommandName, Record<string, unknown>> => ({
    'thread:join': { threadId: thread.id },
    'thread:leave': { threadId: thread.id },
    'typing:start': { threadId: thread.id },
    'typing:stop': { threadId: thread.id },
    'message:mark-read': { threadId: thread.id, messageId: SOME_ID },
    'notification:mark-read': { ids: [SOME_ID] },
    'notification:ack': { id: SOME_ID },
    'patient:view-start': { patientId: patient.id },
    'patient:view-stop': { patientId: patient.id },
    'presence:list': {},
    'session:refresh': { token: nurse.token },
  });

  /** Every event the colleague's and the outsider's sockets receive while `sent` runs, and up to a round trip after. */
  const heardDuring = async (sent: () => Promise<void>) => {
    const heard: string[] = [];
    const listeners = [colleague, outsider].map((client) => {
      const listener = (event: string) => heard.push(`${client === colleague ? 'colleague' : 'outsider'}: ${event}`);
      client.socket.onAny(listener);
      return () => client.socket.offAny(listener);
    });
    try {
      await sent();
      await Promise.all([colleague.roundTrip(), outsider.roundTrip()]);
    } finally {
      listeners.forEach((stop) => stop());
    }
    return heard;
  };

  it('refuses binary data, an array, a string, a number, null and true for every command', async () => {
    const others: [string, unknown][] = [
      ['an array', []],
      ['a string', 'x'],
      ['a number', 42],
      ['null', null],
      ['true', true],
      ['false', false],
    ];
    const heard = await heardDuring(async () => {
      for (const [name, valid] of Object.entries(validPayloads())) {
        for (const [kind, payload] of [...binaries(), ...others, ['the payload in an array', [valid]]]) {
          expect([name, kind, await socket.raw(name, [payload])]).toEqual([name, kind, NOT_AN_OBJECT]);
        }
        expect([name, await socket.raw(name, [[Buffer.from('x')]])]).toEqual([name, NOT_AN_OBJECT]);
      }
    });
    expect(heard).toEqual([]);
    // The server keeps answering the same socket, and what it relays is heard, by the colleague only.
    expect(socket.connected).toBe(true);
    expect(await socket.command('presence:list', {})).toMatchObject({ ok: true, online: expect.any(Array) });
    for (const name of ['typing:start', 'typing:stop'] as const) {
      const relayed = await heardDuring(async () => {
        expect(await socket.command(name, { threadId: thread.id })).toEqual({ ok: true });
      });
      expect(relayed).toEqual(['colleague: typing']);
    }
  });

  it('refuses a valid payload sent with binary attachments beside it, or binary data in its fields', async () => {
    const heard = await heardDuring(async () => {
      for (const [name, valid] of Object.entries(validPayloads())) {
        for (const [kind, binary] of binaries()) {
          for (const args of [
            [valid, binary],
            [binary, valid],
            [valid, valid, binary],
          ]) {
            expect([name, kind, await socket.raw(name, args)]).toEqual([name, kind, NOT_AN_OBJECT]);
          }
          const fields = [...Object.keys(valid), 'attachment'];
          for (const field of fields) {
            expect([name, kind, field, await socket.raw(name, [{ ...valid, [field]: binary }])]).toEqual([
              name,
              kind,
              field,
              {
                ok: false,
                error: {
                  code: 'VALIDATION_FAILED',
                  message: expect.stringContaining(field),
                  fields: expect.objectContaining({ [field]: expect.any(Array) }),
                },
              },
            ]);
          }
        }
      }
    });
    // Nothing was started: no one of the thread hears the nurse typing, no chart shows her viewing.
    expect(heard).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(await socket.command('patient:view-start', { patientId: patient.id })).toMatchObject({
      ok: true,
      viewers: [expect.objectContaining({ userId: nurse.userId })],
    });
  });

  it('refuses a payload of more than 100 keys for every command with a short answer, before validating any', async () => {
    const tooMany = {
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'The payload holds more than 100 keys' },
    };
    const unknownKeys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 1]));
    const heard = await heardDuring(async () => {
      for (const [name, valid] of Object.entries(validPayloads())) {
        expect([name, await socket.raw(name, [{ ...valid, ...unknownKeys(5_000) }])]).toEqual([name, tooMany]);
        // Keys of nested objects count too.
        const nested = { ...valid, extra: unknownKeys(101 - Object.keys(valid).length) };
        expect([name, await socket.raw(name, [nested])]).toEqual([name, tooMany]);
      }
    });
    expect(heard).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(await socket.command('typing:start', { threadId: thread.id, ...unknownKeys(99) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: expect.objectContaining({ k98: expect.any(Array) }) },
    });
    expect(await socket.command('presence:list', {})).toMatchObject({ ok: true, online: expect.any(Array) });
  });

  // 30,000 zeros in one field held the event loop for half a second per command, within the budget.
  it('refuses a payload of more than 600 list elements for every command with a short answer, before validating any', async () => {
    const tooMany = {
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'The payload holds more than 600 list elements' },
    };
    const zeros = (count: number) => Array.from({ length: count }, () => 0);
    const heard = await heardDuring(async () => {
      for (const [name, valid] of Object.entries(validPayloads())) {
        const field = Object.keys(valid)[0] ?? 'extra';
        expect([name, await socket.raw(name, [{ ...valid, [field]: zeros(30_000) }])]).toEqual([name, tooMany]);
        // Elements of nested lists count together.
        expect([name, await socket.raw(name, [{ ...valid, extra: [zeros(300), zeros(301)] }])]).toEqual([
          name,
          tooMany,
        ]);
      }
    });
    expect(heard).toEqual([]);
    expect(socket.connected).toBe(true);
    const ids = Array.from({ length: 600 }, () => SOME_ID);
    expect(await socket.command('notification:mark-read', { ids })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: expect.objectContaining({ ids: expect.any(Array) }) },
    });
    expect(await socket.command('presence:list', {})).toMatchObject({ ok: true, online: expect.any(Array) });
  });
});
