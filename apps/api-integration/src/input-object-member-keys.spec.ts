import { ChatMessage, PatientSummary, PatientViewers, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

type Refusal = { message: string; fields: Record<string, string[]> };

/**
 * Keys named like members every object inherits, which class-transformer leaves out of the DTO it
 * builds: without a look at what was sent, the whitelist would never see them.
 */
const MEMBER_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'isPrototypeOf',
  'toLocaleString',
  '__defineGetter__',
];
/** Each of those words in a message's text, and in a search, is data like any other. */
const WORDS = 'constructor prototype hasOwnProperty toString valueOf';

/** `fields` with `name` as an own key besides: an object literal would set the prototype for `__proto__`. */
const withKey = (fields: object, name: string, value: unknown = { admin: true }): object =>
  Object.defineProperty({ ...fields }, name, { value, enumerable: true, writable: true, configurable: true });

const unknownProperty = (name: string) => [`property ${name} should not exist`];

describe('unknown keys named like the members of every object', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let patient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer({
      env: { REST_WRITE_POINTS: '100000', REST_READ_POINTS: '100000', WS_RATE_LIMIT_POINTS: '1000' },
    });
    [nurse, provider] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
    ]);
    [patient] = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
  });
  afterAll(async () => {
    [nurse, provider].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('refuses each as an extra key of a JSON body, or of an object in it, naming it; posts and sends nothing', async () => {
    const thread = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId] })).body;
    const path = `/api/threads/${thread.id}/messages`;
    const providerSocket = await provider.connect();
    for (const name of MEMBER_NAMES) {
      const message = await nurse.rest.post<Refusal>(path, withKey({ body: 'Labs are back' }, name));
      expect({ name, status: message.status, body: message.body }).toEqual({
        name,
        status: 400,
        body: { statusCode: 400, message: 'Validation failed', fields: { [name]: unknownProperty(name) } },
      });
      // With other faults, it is named among them.
      const alongside = await nurse.rest.post<Refusal>(path, withKey({ body: '', extra: 1 }, name, 'x'));
      expect({ name, fields: alongside.body.fields }).toEqual({
        name,
        fields: {
          [name]: unknownProperty(name),
          extra: unknownProperty('extra'),
          body: expect.any(Array),
        },
      });
      const alert = await nurse.rest.post<Refusal>('/api/alerts', {
        title: 'Room 4',
        to: withKey({ userIds: [provider.userId] }, name),
      });
      expect({ name, status: alert.status, fields: alert.body.fields }).toEqual({
        name,
        status: 400,
        fields: { [`to.${name}`]: unknownProperty(name) },
      });
    }

    // Those words as text, and an alert without the key, are taken; the server serves the provider on.
    const posted = await nurse.rest.post<ChatMessage>(path, { body: WORDS });
    expect(posted.status).toBe(201);
    expect(posted.body.body).toBe(WORDS);
    await providerSocket.waitFor('message:new', (event) => event.data.message.id === posted.body.id);
    expect(providerSocket.received('message:new').map((event) => event.data.message.body)).toEqual([WORDS]);
    expect(providerSocket.received('notification:new')).toEqual([]);
    expect((await provider.rest.get<ChatMessage[]>(path)).body.map((stored) => stored.body)).toEqual([WORDS]);
    const reply = await provider.rest.post<ChatMessage>(path, { body: 'Thanks' });
    expect(reply.status).toBe(201);
    expect((await nurse.rest.post('/api/alerts', { title: 'Room 4', to: { userIds: [provider.userId] } })).status).toBe(
      201,
    );
    providerSocket.close();
  });

  it('refuses each as a query parameter, naming it, and reads on for the words as a search', async () => {
    for (const name of MEMBER_NAMES) {
      for (const query of [`${name}=1`, `q=ab&${name}=1`, `${name}=1&${name}=2`]) {
        const response = await nurse.rest.get<Refusal>(`/api/patients?${query}`);
        expect({ query, status: response.status, fields: response.body.fields }).toEqual({
          query,
          status: 400,
          fields: { [name]: unknownProperty(name) },
        });
      }
    }
    const search = await nurse.rest.get<PatientSummary[]>(`/api/patients?q=${encodeURIComponent(WORDS)}`);
    expect(search.status).toBe(200);
    expect(search.body).toEqual([]);
    const patients = await provider.rest.get<PatientSummary[]>('/api/patients?limit=1');
    expect(patients.status).toBe(200);
    expect(patients.body).toHaveLength(1);
  });

  it('refuses each as an extra key of a command payload with VALIDATION_FAILED naming it, and views nothing', async () => {
    const socket = await nurse.connect();
    const colleague = await provider.connect();
    for (const name of MEMBER_NAMES) {
      expect(await socket.raw('patient:view-start', [withKey({ patientId: patient.id }, name)])).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: `${name}: property ${name} should not exist`,
          fields: { [name]: unknownProperty(name) },
        },
      });
      expect(await socket.raw('presence:list', [withKey({}, name)])).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', fields: { [name]: unknownProperty(name) } },
      });
    }
    expect((await nurse.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`)).body.viewers).toEqual([]);
    await colleague.expectNone('patient:viewers', (signal) => signal.patientId === patient.id);

    // The same socket, and another person's, go on working.
    expect(socket.connected).toBe(true);
    expect(await colleague.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    expect(await socket.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    await colleague.waitFor(
      'patient:viewers',
      (signal) => signal.patientId === patient.id && signal.viewers.some((viewer) => viewer.userId === nurse.userId),
    );
    for (const client of [socket, colleague]) {
      expect(await client.command('patient:view-stop', { patientId: patient.id })).toMatchObject({ ok: true });
    }
    [socket, colleague].forEach((client: RealtimeTestClient) => client.close());
  });
});
