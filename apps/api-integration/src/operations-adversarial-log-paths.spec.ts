import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatientSummary } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { readJsonLog } from './support/json-log';
import { scrape } from './support/metrics';

interface LogLine {
  context?: string;
  msg?: string;
  req?: { id: string; url: string };
}

interface Sent {
  path: string;
  status: number;
  requestId: string;
}

/** Who sends: a token (valid, or signed out), or none. */
interface Caller {
  who: string;
  token?: string;
}

/** Anonymous refusals each address may spend per window; past it, refusals are summed up. */
const BUDGET = 4;
const WINDOW_SECONDS = 10;
const FLOODER = '198.51.100.60';
/** Names no clinic has, spelled as a person might type them: outside ASCII, and very long. */
const TYPED_NAMES = ['Zoë Ångström', `Quintessa ${'Vandermeulen'.repeat(150)}`];

/** Where a name may sit in a path a client sends: where an id belongs, in a route that does not exist, around `..` and `//`. */
function pathsHolding(name: string): string[] {
  const encoded = encodeURIComponent(name);
  const paths = [
    `/api/patients/${encoded}`,
    `/api/patients/${encoded}/anything`,
    `/api/patient/${encoded}`,
    `/api/patients/${name.replace(/ /g, '+')}`,
    `/api/patients/../${encoded}`,
    `//api//patients//${encoded}//`,
    `/api/patients/..%2F${encoded}?limit=5`,
    // An escape that does not decode: the router's error must not quote the name either.
    `/api/patients/${encoded}%E0%A4%A`,
    `/api/patients?limit=5#${encoded}`,
    `/${encoded}`,
    `/socket.io?EIO=4&transport=polling&${encoded}`,
  ];
  // Node's client sends characters of U+0080–U+00FF unencoded, as a script may.
  const latin1 = /^[\u0020-\u00ff]+$/.test(name) && /[\u0080-\u00ff]/.test(name);
  return latin1 ? [...paths, `/api/patients/${name.replace(/ /g, '%20')}`] : paths;
}

describe('request lines of the paths a client sends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-path-logs-'));
  const logFile = join(dir, 'api.log');
  let server: ApiServer;
  let riverside: StaffSession;
  let lakeside: StaffSession;
  let signedOut: StaffSession;
  let callsSent = 0;

  beforeAll(async () => {
    server = await startApiServer({
      logFile,
      env: {
        LOG_FORMAT: 'json',
        TRUST_PROXY: 'loopback',
        ANONYMOUS_REFUSAL_POINTS: String(BUDGET),
        ANONYMOUS_REFUSAL_WINDOW_SECONDS: String(WINDOW_SECONDS),
        // Each nurse sends every path of every name.
        REST_READ_POINTS: '10000',
      },
    });
    [riverside, lakeside, signedOut] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
    ]);
    expect((await signedOut.rest.post('/api/auth/logout')).status).toBe(204);
  });
  afterAll(async () => {
    riverside?.close();
    lakeside?.close();
    signedOut?.close();
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Sends the path byte for byte (fetch would resolve `..` and encode what it may not send), from
   * an address of its own unless given one, so that no request spends another's anonymous budget.
   */
  const send = (
    path: string,
    { token }: Caller,
    address = `10.0.${Math.floor(callsSent / 250)}.${(callsSent++ % 250) + 1}`,
  ) =>
    new Promise<Sent>((resolve, reject) => {
      const headers: Record<string, string> = { 'x-forwarded-for': address };
      if (token) headers['authorization'] = `Bearer ${token}`;
      request(server.url, { path, headers }, (response) => {
        response
          .resume()
          .on('end', () =>
            resolve({ path, status: response.statusCode ?? 0, requestId: String(response.headers['x-request-id']) }),
          );
      })
        .on('error', reject)
        .end();
    });
  const log = () => readJsonLog<LogLine>(logFile);
  const loggedUrl = (sent: Sent) => log().find((line) => line.req?.id === sent.requestId)?.req?.url;

  it("hold no name sent in a path, over REST or Socket.IO's handshake, but still each route and id", async () => {
    const clinics = await Promise.all(
      [riverside, lakeside].map((as) => as.rest.get<PatientSummary[]>('/api/patients?limit=500')),
    );
    const [riversidePatient] = clinics[0].body;
    const [lakesidePatient] = clinics[1].body;
    const patientNames = clinics.flatMap(({ body }) => body.map((patient) => patient.displayName));
    expect(patientNames).toEqual(expect.arrayContaining(['Jordan Blake', 'Olivia Hart']));
    const names = [...patientNames, ...TYPED_NAMES];
    const callers: Caller[] = [
      { who: 'a Riverside nurse', token: riverside.token },
      { who: 'a Lakeside nurse', token: lakeside.token },
      { who: 'someone signed out', token: signedOut.token },
      { who: 'someone anonymous' },
    ];

    const sendEveryPath = async (caller: Caller) => {
      const answers: (Sent & { who: string })[] = [];
      for (const path of names.flatMap(pathsHolding)) answers.push({ ...(await send(path, caller)), who: caller.who });
      return answers;
    };
    const sent = (await Promise.all(callers.map(sendEveryPath))).flat();
    const byId = {
      own: await send(`/api/patients/${riversidePatient.id}`, callers[0]),
      ownVisits: await send(`/api/patients/${riversidePatient.id}/appointments`, callers[0]),
      otherClinic: await send(`/api/patients/${riversidePatient.id}`, callers[1]),
      signedOut: await send(`/api/patients/${lakesidePatient.id}/viewers`, callers[2]),
      anonymous: await send(`/api/patients/${lakesidePatient.id}`, callers[3]),
    };
    expect(Object.values(byId).map(({ status }) => status)).toEqual([200, 200, 404, 401, 401]);

    // An address past its budget: its first refusal has a line, the others one line of their count.
    const flood: Sent[] = [];
    for (const name of names.slice(0, BUDGET + 3)) flood.push(await send(pathsHolding(name)[1], callers[3], FLOODER));
    expect(flood.map(({ status }) => status)).toEqual([...Array(BUDGET).fill(404), 429, 429, 429]);

    // Socket.IO's handshake, as each clinic, signed out and anonymous, with names in its URL.
    const handshakeQuery = { patient: names[0], q: names.at(-1) ?? '' };
    const sockets = await Promise.all([
      riverside.connect({ query: handshakeQuery }),
      lakeside.connect({ query: handshakeQuery, transports: ['polling'] }),
    ]);
    const refused = await Promise.all([
      RealtimeTestClient.refusedHandshake(server.url, { query: handshakeQuery }),
      RealtimeTestClient.refusedHandshake(server.url, { query: handshakeQuery, auth: { token: signedOut.token } }),
    ]);
    expect(refused.map(({ data }) => data?.code)).toEqual(['UNAUTHORIZED', 'REVOKED']);
    const metrics = await scrape(server.url);
    expect(metrics.status).toBe(200);
    sockets.forEach((socket) => socket.close());

    // Lines are written in the order requests end: once the last one's is, every earlier one's is too.
    // Some never have one: Node refuses a path with raw non-ASCII, and only the API's routes are logged.
    const last = await send(`/api/patients/${riversidePatient.id}`, callers[0]);
    await eventually('the last request has its line', async () => loggedUrl(last) !== undefined, 5000);
    await eventually(
      'each socket has its two lines',
      async () => log().filter((line) => line.msg === 'Socket disconnected').length === sockets.length,
      5000,
    );
    await eventually(
      "the flood's refusals are summed up when its window ends",
      async () => log().some((line) => line.context === 'AnonymousRefusals' && line.msg?.includes(FLOODER)),
      2 * WINDOW_SECONDS * 1000,
    );

    // Which route and which record was asked for, as any caller.
    expect(loggedUrl(byId.own)).toBe(`/api/patients/${riversidePatient.id}`);
    expect(loggedUrl(byId.ownVisits)).toBe(`/api/patients/${riversidePatient.id}/appointments`);
    expect(loggedUrl(byId.otherClinic)).toBe(`/api/patients/${riversidePatient.id}`);
    expect(loggedUrl(byId.signedOut)).toBe(`/api/patients/${lakesidePatient.id}/viewers`);
    expect(loggedUrl(byId.anonymous)).toBe(`/api/patients/${lakesidePatient.id}`);
    // A name where an id belongs leaves the route and a placeholder, whoever sent it.
    const asId = sent.filter(({ path }) => path === `/api/patients/${encodeURIComponent('Jordan Blake')}`);
    expect(asId.map((answer) => [answer.who, answer.status, loggedUrl(answer)])).toEqual(
      callers.map(({ who }, i) => [who, i < 2 ? 400 : 401, '/api/patients/[redacted]']),
    );

    const text = readFileSync(logFile, 'utf8');
    const spellings = (name: string) => [
      name,
      encodeURIComponent(name),
      name.replace(/ /g, '+'),
      name.replace(/ /g, '%20'),
      ...name.split(' ').filter((part) => part.length > 3),
    ];
    const leaks = names.flatMap(spellings).filter((spelling) => text.includes(spelling));
    expect(leaks).toEqual([]);
    expect(names.flatMap(spellings).filter((spelling) => metrics.text.includes(spelling))).toEqual([]);
  }, 60_000);

  it('keep every word of every route the API documents, so that a new route is not logged as `[redacted]`', async () => {
    const { paths } = (await riverside.rest.get<{ paths: Record<string, unknown> }>('/api/openapi.json')).body;
    // Health and metrics are not logged, whatever their path (probes and scrapes would drown the rest).
    const routes = Object.keys(paths)
      .filter((route) => route.startsWith('/api/'))
      .map((route) => route.replace(/\{\w+\}/g, randomUUID()));
    expect(routes).toEqual(expect.arrayContaining(['/api/patients', '/api/auth/login']));
    const answers: Sent[] = [];
    for (const route of routes) answers.push(await send(route, { who: 'a Riverside nurse', token: riverside.token }));
    await eventually('every route has its line', async () => answers.every((answer) => loggedUrl(answer)), 5000);
    expect(answers.map(loggedUrl)).toEqual(routes);
  });
});
