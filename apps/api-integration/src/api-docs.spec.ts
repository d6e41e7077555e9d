import { CLIENT_COMMAND_NAMES, SERVER_EVENT_NAMES } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

interface AsyncApiDocument {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; reply?: { messages: unknown[] } }>;
  components: { schemas: Record<string, unknown>; messages: Record<string, { payload: unknown }> };
}

/** Every `$ref` in a document, to check that each one resolves. */
const refsIn = (document: unknown): string[] =>
  [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]);

const resolves = (document: object, ref: string): boolean =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      document,
    ) !== undefined;

describe('machine-readable contracts', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('serves an AsyncAPI 3 document naming every server event and every command, with its ack', async () => {
    const response = await fetch(`${server.url}/api/asyncapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as AsyncApiDocument;
    expect(document.asyncapi).toBe('3.0.0');

    const addresses = Object.values(document.channels).map((channel) => channel.address);
    expect(SERVER_EVENT_NAMES.filter((name) => !addresses.includes(name))).toEqual([]);
    expect(CLIENT_COMMAND_NAMES.filter((name) => !addresses.includes(name))).toEqual([]);

    const operations = Object.values(document.operations);
    const replying = operations.filter((operation) => operation.action === 'receive' && operation.reply);
    expect(replying).toHaveLength(CLIENT_COMMAND_NAMES.length);
    expect(operations.filter((operation) => operation.action === 'send')).toHaveLength(SERVER_EVENT_NAMES.length);

    expect(refsIn(document).filter((ref) => !resolves(document, ref))).toEqual([]);
    expect(JSON.stringify(document.components.schemas['MessageNewData'])).toContain('"message"');
  });

  it('serves the OpenAPI document of the REST routes and a page to browse it, neither carrying clinic data', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const openApi = await fetch(`${server.url}/api/openapi.json`);
    expect(openApi.status).toBe(200);
    const text = await openApi.text();
    const { paths } = JSON.parse(text) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/logout',
        '/api/threads',
        '/api/staff/{id}',
        '/api/asyncapi.json',
      ]),
    );
    expect(paths['/api/staff/{id}']).toHaveProperty('patch');
    // Bodies and query strings are documented from the DTOs and their validation rules.
    const { components } = JSON.parse(text) as {
      components: { schemas: Record<string, { properties?: object; required?: string[] }> };
    };
    expect(components.schemas['CreateAppointmentDto']).toMatchObject({
      properties: {
        patientId: { format: 'uuid' },
        startsAt: { type: 'string' },
        type: { enum: expect.arrayContaining(['skin-check']) },
      },
      required: expect.arrayContaining(['patientId', 'providerId', 'startsAt', 'endsAt']),
    });
    expect(Object.keys(components.schemas['LoginDto'].properties ?? {}).sort()).toEqual(['email', 'password']);
    // A DTO derived from another (a move is a partial booking) keeps its fields, none of them required.
    const move = components.schemas['UpdateAppointmentDto'];
    expect(Object.keys(move.properties ?? {}).sort()).toEqual([
      'confirmPast',
      'endsAt',
      'providerId',
      'startsAt',
      'type',
    ]);
    expect(move.required ?? []).toEqual([]);
    const withoutFields = Object.entries(components.schemas)
      .filter(([name, schema]) => name.endsWith('Dto') && Object.keys(schema.properties ?? {}).length === 0)
      .map(([name]) => name);
    expect(withoutFields).toEqual([]);
    const patientsQuery = (paths['/api/patients']['get'] as { parameters: { name: string; in: string }[] }).parameters;
    expect(patientsQuery.map(({ name, in: where }) => `${where}:${name}`).sort()).toEqual([
      'query:cursor',
      'query:limit',
      'query:q',
    ]);
    // A query field's comment is its description: the records listings tell of their 404.
    for (const listing of ['/api/lab-results', '/api/prior-auths']) {
      const query = (paths[listing]['get'] as { parameters: { name: string; description?: string }[] }).parameters;
      expect(query.find(({ name }) => name === 'patientId')?.description).toContain('404');
    }
    expect(text).not.toContain(nurse.tenantId);
    expect(text).not.toContain(nurse.userId);

    const page = await fetch(`${server.url}/api/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The rest of the API keeps its stricter policy.
    const json = await fetch(`${server.url}/api/asyncapi.json`);
    expect(json.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
