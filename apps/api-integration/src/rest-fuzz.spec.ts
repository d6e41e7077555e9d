import fc from 'fast-check';
import { NotificationList, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

/** Fixed so a failure replays; FUZZ_SEED tries another sequence. fast-check prints seed and path on failure. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261204);
const RUNS_PER_ROUTE = 40;

interface Operation {
  method: string;
  path: string;
  query: string[];
  body: string[] | null;
}

interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

/** Every REST route the API describes, with its query parameters and its body's fields. */
function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? document.components.schemas[ref.split('/').pop() ?? ''] : undefined;
      return {
        method: method.toUpperCase(),
        path,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: operation.requestBody ? Object.keys(schema?.properties ?? {}) : null,
      };
    }),
  );
}

describe('REST surface under random input, with the ids of two clinics', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  /** Ids of the caller's clinic by kind, so that handlers are reached past their look-ups. */
  let own: Record<string, string[]>;
  /** Ids of the other clinic, which no answer to the caller may carry unless the caller sent them. */
  let foreign: Record<string, string[]>;

  beforeAll(async () => {
    // Budgets this large let the fuzz reach the handlers; a 429 would count as answered too.
    server = await startApiServer({ env: { REST_WRITE_POINTS: '1000000', REST_READ_POINTS: '1000000' } });
    [admin, otherClinic] = await Promise.all(
      ['admin@riverside.test', 'admin@lakeside.test'].map((email) => StaffSession.signIn(server.url, email)),
    );
    const idsOf = async (session: StaffSession) => {
      const staff = (await session.rest.get<StaffMember[]>('/api/staff')).body;
      const [patient] = (await session.rest.get<PatientSummary[]>('/api/patients')).body;
      const provider = staff.find((member) => member.role === 'provider');
      const nurse = staff.find((member) => member.role === 'nurse');
      if (!provider || !nurse || !patient) throw new Error('demo clinic without a provider, a nurse or a patient');
      const created = async (path: string, body: object) => {
        const response = await session.rest.post<{ id: string }>(path, body);
        if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.id;
      };
      const thread = await created('/api/threads', { participantIds: [provider.id], patientId: patient.id });
      await created(`/api/threads/${thread}/messages`, { body: 'Fuzz me' });
      const ids: Record<string, string[]> = {
        staff: [provider.id, nurse.id],
        patients: [patient.id],
        threads: [thread],
        appointments: [
          await created('/api/appointments', {
            patientId: patient.id,
            providerId: provider.id,
            startsAt: '2031-03-04T09:00:00.000Z',
            endsAt: '2031-03-04T09:30:00.000Z',
          }),
        ],
        tasks: [await created('/api/tasks', { assigneeId: nurse.id, title: 'Call back', patientId: patient.id })],
        'prior-auths': [
          await created('/api/prior-auths', { patientId: patient.id, providerId: provider.id, procedure: 'Biologic' }),
        ],
        announcements: [await created('/api/announcements', { title: 'Room 2', body: 'Closed' })],
        alerts: [await created('/api/alerts', { title: 'Room 4', to: { userIds: [nurse.id] } })],
      };
      const inbox = (await session.rest.get<NotificationList>('/api/notifications')).body;
      return { ...ids, notifications: inbox.items.map((notification) => notification.id), clinic: [session.tenantId] };
    };
    own = await idsOf(admin);
    foreign = await idsOf(otherClinic);
  });
  afterAll(async () => {
    [admin, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('answers every request below 500, every refusal with a message, and nothing of the other clinic', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
    // Signing in and out have suites of their own (throttling, ending sessions).
    const operations = operationsOf(document).filter(({ path }) => !path.startsWith('/api/auth/'));
    expect(operations.length).toBeGreaterThan(30);

    const junk = fc.oneof(
      fc.constantFrom('', ' ', '%', '0', '-1', 'NaN', '1e309', '2031-02-30', '9999-12-31T23:59:59.999Z', 'null'),
      fc.string({ maxLength: 40 }),
    );
    const ownIds = Object.values(own).flat();
    const foreignIds = Object.values(foreign).flat();
    const text = fc.oneof(fc.constantFrom(...ownIds, ...foreignIds), junk);
    /** Mostly an id of the kind the route names, so that requests get past their look-ups to the work behind them. */
    const idFor = (path: string) => {
      const kind = path.includes('/direct/') ? 'staff' : (path.split('/')[2] ?? '');
      return fc.oneof(
        { arbitrary: fc.constantFrom(...(own[kind] ?? ownIds)), weight: 4 },
        { arbitrary: fc.constantFrom(...(foreign[kind] ?? foreignIds)), weight: 2 },
        { arbitrary: junk, weight: 1 },
      );
    };
    const value = fc.oneof(
      fc.constant(null),
      text,
      fc.boolean(),
      fc.integer(),
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(text, { maxLength: 3 }),
    );

    for (const operation of operations) {
      const fields = operation.body ?? [];
      const request = fc.record({
        id: idFor(operation.path),
        query: fc.oneof(
          { arbitrary: fc.constant({}), weight: 2 },
          {
            arbitrary: fc.dictionary(fc.constantFrom('cursor', 'limit', ...operation.query), text, { maxKeys: 2 }),
            weight: 1,
          },
        ),
        body: operation.body
          ? fc.oneof(
              {
                arbitrary: fields.length
                  ? fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 3 })
                  : fc.constant({}),
                weight: 6,
              },
              { arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 3 }), weight: 1 },
              { arbitrary: value, weight: 1 },
            )
          : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ id, query, body }) => {
          const path = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          const search = new URLSearchParams(query).toString();
          const sent = JSON.stringify({ id, query, body });
          const response = await fetch(`${server.url}${path}${search ? `?${search}` : ''}`, {
            method: operation.method,
            headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const answer = await response.text();
          const where = `${operation.method} ${operation.path} ${sent.slice(0, 300)} → ${response.status} ${answer.slice(0, 300)}`;
          expect({ where, serverError: response.status >= 500 }).toEqual({ where, serverError: false });
          if (response.status >= 400)
            expect({ where, message: JSON.parse(answer).message }).toEqual({ where, message: expect.any(String) });
          else
            expect({
              where,
              leaked: foreignIds.filter((secret) => answer.includes(secret) && !sent.includes(secret)),
            }).toEqual({ where, leaked: [] });
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE },
      );
    }

    // The server and the other clinic carry on.
    expect((await otherClinic.rest.get<ThreadSummary[]>('/api/threads')).status).toBe(200);
  }, 300_000);
});
