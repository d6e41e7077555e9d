import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { LoggedApi, startLoggedApi } from './support/logged-api';

/** A line of a stack trace, as Node prints it. */
const STACK_LINE = /^\s+at /m;
const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('HTTP edge', () => {
  let api: LoggedApi;
  let nurse: StaffSession;
  let admin: StaffSession;
  let provider: StaffSession;

  beforeAll(async () => {
    api = await startLoggedApi();
    [nurse, admin, provider] = await Promise.all([
      StaffSession.signIn(api.url, 'nurse@riverside.test'),
      StaffSession.signIn(api.url, 'admin@riverside.test'),
      StaffSession.signIn(api.url, 'provider@riverside.test'),
    ]);
  });
  afterAll(async () => {
    [nurse, admin, provider].forEach((session) => session?.close());
    await api?.dispose();
  });

  const send = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${nurse.token}` },
      body,
    });

  describe('security headers', () => {
    it('gives API answers a policy that loads and frames nothing, no-store, and no X-Powered-By', async () => {
      for (const path of ['/api/patients', '/health/ready', '/api/no-such-route']) {
        const response = await fetch(`${api.url}${path}`, {
          headers: { authorization: `Bearer ${nurse.token}` },
        });
        expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
        expect(response.headers.get('cache-control')).toMatch(/(^|, )no-store(,|$)/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('gives portal pages a same-origin policy without inline scripts', async () => {
      const response = await fetch(`${api.url}/schedule`);
      const policy = Object.fromEntries(
        (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
          const [name, ...sources] = directive.trim().split(/\s+/);
          return [name, sources];
        }),
      );
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['connect-src']).toEqual(["'self'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('leaves the Socket.IO endpoint working over WebSocket and over polling with its upgrade', async () => {
      for (const transports of [['websocket'], ['polling', 'websocket']]) {
        const client = await RealtimeTestClient.connect(api.url, nurse.token, { transports });
        const engine = client.socket.io.engine;
        if (engine.transport.name !== 'websocket') await new Promise((upgraded) => engine.once('upgrade', upgraded));
        expect(engine.transport.name).toBe('websocket');
        client.close();
      }
    });
  });

  describe('refused before any route', () => {
    /** Sends `request` as it is on a connection of its own and returns all the server answers. */
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const { hostname, port } = new URL(api.url);
        const socket = connect(Number(port), hostname, () => socket.write(request));
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });

    it('answers a query string past the header limit with 431 and a message, and goes on serving', async () => {
      const response = await fetch(`${api.url}/api/patients?q=${'a'.repeat(20_000)}`, {
        headers: { authorization: `Bearer ${nurse.token}` },
      });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual({
        statusCode: 431,
        message: 'The request line and headers are too large (16 KB at most): shorten the query string or the headers',
      });
      expect((await nurse.rest.get('/api/patients?q=okafor')).status).toBe(200);
    });

    it('answers malformed HTTP with 400 and a message, and goes on serving', async () => {
      const answer = await raw('GET /api/patients HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n');
      const [head, body] = answer.split('\r\n\r\n');
      expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(JSON.parse(body)).toEqual({ statusCode: 400, message: 'The request is not well-formed HTTP' });
      expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    });
  });

  describe('refused bodies', () => {
    it('answers malformed JSON with 400 and a message', async () => {
      const response = await send('/api/threads', '{"subject": "Biopsy",');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, message: expect.any(String) });
    });

    it('answers a body over 100 KB with 413 and a message', async () => {
      const response = await send('/api/threads', JSON.stringify({ subject: 'x'.repeat(101 * 1024) }));
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        statusCode: 413,
        message: 'request entity too large',
      });
    });

    it('answers JSON nested deeper than 32 levels with 400, at any depth the size limit allows', async () => {
      for (const levels of [33, 50_000]) {
        const response = await send('/api/threads', `{"participantIds": ${nestedArrays(levels - 1)}}`);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({
          message: 'JSON nests deeper than 32 levels',
        });
      }
      const shallow = await send('/api/threads', `{"participantIds": ${nestedArrays(31)}}`);
      expect(shallow.status).toBe(400);
      expect(await shallow.json()).toMatchObject({ message: 'Validation failed' });
    });

    // Each unknown key costs validation an error and the answer a line: thousands of them, sent by
    // anyone, would hold the event loop for every clinic. Refused by counting before validating.
    it('answers a body or query of more than 100 keys with a short 400, before validating any of them, signed in or not', async () => {
      const manyKeys = (count: number, base: Record<string, unknown> = {}) =>
        Object.fromEntries([...Object.entries(base), ...Array.from({ length: count }, (_, i) => [`k${i}`, 1])]);
      const refusals = [
        await fetch(`${api.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(manyKeys(9_000, { email: 'nurse@riverside.test', password: 'demo-password' })),
        }),
        await send('/api/tasks', JSON.stringify(manyKeys(101))),
        // Keys of nested objects count too.
        await send('/api/alerts', JSON.stringify({ title: 'x', to: manyKeys(101) })),
      ];
      for (const response of refusals) {
        expect(response.status).toBe(400);
        expect(await response.text()).toBe(
          JSON.stringify({ message: 'JSON holds more than 100 keys', error: 'Bad Request', statusCode: 400 }),
        );
      }
      const query = new URLSearchParams(manyKeys(500) as Record<string, string>);
      const queried = await fetch(`${api.url}/api/patients?${query}`, {
        headers: { authorization: `Bearer ${nurse.token}` },
      });
      expect(queried.status).toBe(400);
      expect(await queried.json()).toMatchObject({ message: 'The query holds more than 100 keys' });

      // At the limit, validation names the unknown keys as before, and the sign-in still works.
      const atLimit = await send('/api/tasks', JSON.stringify(manyKeys(100)));
      expect(atLimit.status).toBe(400);
      expect(await atLimit.json()).toMatchObject({ message: 'Validation failed' });
      expect((await StaffSession.signIn(api.url, 'nurse@riverside.test')).token).toEqual(expect.any(String));
    });

    // Each element of a list costs validation its own check (and, in a body that should be an
    // object, an error and a line of the answer): a 138-byte compressed list of 50,000 zeros held
    // the event loop for a second. Refused by counting before validating, as the keys are.
    it('answers a body with more than 600 list elements, or a list where an object belongs, with a short 400, signed in or not', async () => {
      const zeros = (count: number) => Array.from({ length: count }, () => 0);
      const refusals = [
        await fetch(`${api.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(zeros(50_000)),
        }),
        await send('/api/alerts', JSON.stringify({ title: 'x', to: zeros(601).map(() => ({})) })),
        // Elements of nested lists count together.
        await send('/api/threads', JSON.stringify({ subject: 'x', participantIds: [zeros(300), zeros(301)] })),
      ];
      for (const response of refusals) {
        expect(response.status).toBe(400);
        expect(await response.text()).toBe(
          JSON.stringify({ message: 'JSON holds more than 600 list elements', error: 'Bad Request', statusCode: 400 }),
        );
      }
      const list = await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(zeros(10)),
      });
      expect(list.status).toBe(400);
      expect(await list.text()).toBe(
        JSON.stringify({ message: 'The JSON body must be an object', error: 'Bad Request', statusCode: 400 }),
      );

      // At the limit, validation answers as before, and the sign-in still works.
      const atLimit = await send('/api/notifications/read', JSON.stringify({ ids: zeros(600) }));
      expect(atLimit.status).toBe(400);
      expect(await atLimit.json()).toMatchObject({ message: 'Validation failed' });
      expect((await StaffSession.signIn(api.url, 'nurse@riverside.test')).token).toEqual(expect.any(String));
    });

    // A compressed body would be inflated past every size the gate and the parser measure: 140
    // bytes on the wire became 100 KB to parse. The portal never compresses what it sends.
    it('answers a compressed body with 415 without reading it, signed in or not', async () => {
      const compressed = gzipSync(JSON.stringify({ email: 'nurse@riverside.test', password: 'demo-password' }));
      for (const authorization of [undefined, `Bearer ${nurse.token}`]) {
        const response = await fetch(`${api.url}/api/auth/login`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            ...(authorization ? { authorization } : {}),
          },
          body: compressed,
        });
        expect(response.status).toBe(415);
        expect(await response.json()).toEqual({ statusCode: 415, message: 'content encoding unsupported' });
      }
    });

    it('answers an unsupported charset with 415', async () => {
      const response = await send('/api/threads', '{}', 'application/json; charset=latin-9');
      expect(response.status).toBe(415);
    });

    // UTF-7 spells characters as base64 of UTF-16 between `+` and `-`: a body whose closing quote
    // and brace exist only once decoded, so a proxy or a log sees something else than JSON.
    const utf7 = (text: string) => `+${Buffer.from(text, 'utf16le').swap16().toString('base64').replace(/=+$/, '')}-`;
    const tasksTitled = async (title: string) =>
      (await provider.rest.get<{ title: string }[]>('/api/tasks')).body.filter((task) => task.title === title);

    it('reads JSON as UTF-8 only: a UTF-7 or UTF-16 body is refused with 415 and nothing is stored', async () => {
      const title = `Call back ${Date.now()}`;
      const head = `{"assigneeId":"${provider.userId}","title":"`;
      const refused = [
        ['UTF-7', await send('/api/tasks', head + utf7(`${title}"}`), 'application/json; charset=utf-7')],
        [
          'UTF-16LE',
          await fetch(`${api.url}/api/tasks`, {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-16le', authorization: `Bearer ${nurse.token}` },
            body: Buffer.from(`${head}${title}"}`, 'utf16le'),
          }),
        ],
      ] as const;
      for (const [charset, response] of refused) {
        expect(response.status).toBe(415);
        expect(await response.json()).toEqual({
          statusCode: 415,
          message: `unsupported charset "${charset}": JSON bodies are read as UTF-8 only`,
        });
      }
      expect(await tasksTitled(title)).toEqual([]);

      // Said or not, UTF-8 is taken.
      for (const contentType of ['application/json; charset=utf-8', 'application/json']) {
        const created = await send('/api/tasks', `${head}${title} ${contentType}"}`, contentType);
        expect(created.status).toBe(201);
      }
    });
  });

  describe('trimming', () => {
    const refusal = async (session: StaffSession, path: string, body: object) => {
      const response = await session.rest.post<{ fields: Record<string, string[]> }>(path, body);
      expect(response.status).toBe(400);
      return Object.keys(response.body.fields);
    };
    const someId = '7f1f5f6e-0a3b-4c59-9d5e-2f4c8f0b9a11';

    it('refuses whitespace-only titles, subjects and names', async () => {
      const blank = ' \t\n ';
      expect(await refusal(nurse, '/api/threads', { participantIds: [provider.userId], subject: blank })).toEqual([
        'subject',
      ]);
      expect(await refusal(nurse, '/api/tasks', { assigneeId: provider.userId, title: blank })).toEqual(['title']);
      expect(
        await refusal(admin, '/api/announcements', {
          title: blank,
          body: 'Clinic closes at noon.',
        }),
      ).toEqual(['title']);
      expect(await refusal(nurse, '/api/alerts', { title: blank, to: { userIds: [provider.userId] } })).toEqual([
        'title',
      ]);
      expect(
        await refusal(nurse, '/api/lab-results', {
          patientId: someId,
          orderingProviderId: someId,
          testName: blank,
        }),
      ).toEqual(['testName']);
      expect(
        await refusal(nurse, '/api/prior-auths', {
          patientId: someId,
          providerId: someId,
          procedure: blank,
        }),
      ).toEqual(['procedure']);
    });

    it('stores a subject without its surrounding whitespace', async () => {
      const created = await nurse.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [provider.userId],
        subject: '  Biopsy follow-up \n',
      });
      expect(created.status).toBe(201);
      expect(created.body.subject).toBe('Biopsy follow-up');
    });

    it('keeps the inner whitespace of a message body and refuses a whitespace-only one', async () => {
      const thread = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId] })).body;
      const path = `/api/threads/${thread.id}/messages`;
      const posted = await nurse.rest.post<ChatMessage>(path, {
        body: '\n  Results:\n\n  - negative  \n',
      });
      expect(posted.status).toBe(201);
      expect(posted.body.body).toBe('Results:\n\n  - negative');
      expect(await refusal(nurse, path, { body: ' \n\t ' })).toEqual(['body']);
    });

    it('never trims a password', async () => {
      const response = await nurse.rest.post('/api/auth/login', {
        email: 'nurse@riverside.test',
        password: ' demo-password ',
      });
      expect(response.status).toBe(401);
    });
  });

  it('logs no stack for any of the bad input above', async () => {
    // Stopped first, so its output is complete.
    api.child.kill('SIGTERM');
    await api.exited;
    expect(api.output()).toContain('is up');
    expect(api.output()).not.toMatch(STACK_LINE);
  });
});

describe('a failure nothing handles', () => {
  const drills = [
    ['an uncaught exception', 'throw new Error("drill: thrown")', 'Uncaught exception', 'drill: thrown'],
    [
      'an unhandled rejection',
      'Promise.reject(new Error("drill: rejected"))',
      'Unhandled rejection',
      'drill: rejected',
    ],
  ] as const;

  it.each(drills)('%s is logged and ends the process with code 1', async (_name, failure, label, message) => {
    // SIGUSR2 lets the test choose when the failure happens: once the API is up.
    const api = await startLoggedApi(`process.on('SIGUSR2', () => { ${failure}; });`);
    try {
      api.child.kill('SIGUSR2');
      expect(await api.exited).toBe(1);
      expect(api.output()).toContain(label);
      expect(api.output()).toContain(message);
    } finally {
      await api.dispose();
    }
  });
});
