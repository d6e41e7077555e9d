import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';
import { addressedRequest } from './support/addressed-request';
import { MANY_KEYS, ONE_MEGABYTE, TOO_LARGE } from './support/costly-bodies';
import { readJsonLog } from './support/json-log';
import { forgeToken } from './support/tokens';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
  req?: { url: string };
  res?: { statusCode: number };
}

const BUDGET = 4;
const WINDOW_SECONDS = 10;
const FLOODER = '198.51.100.40';
const NEIGHBOUR = '198.51.100.41';
const SCRIPT = '198.51.100.50';
const SCRIPT_NEIGHBOUR = '198.51.100.51';
const GUESSER = '198.51.100.52';
const MALFORMER = '198.51.100.60';
const MALFORMER_NEIGHBOUR = '198.51.100.61';

describe('Anonymous refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-anonymous-refusals-'));
  const logFile = join(dir, 'api.log');
  // A portal of its own, so its pages are served whether or not the real one has been built.
  const portalDist = join(dir, 'portal');
  let server: ApiServer;

  beforeAll(async () => {
    mkdirSync(portalDist);
    writeFileSync(join(portalDist, 'index.html'), '<!doctype html><title>derm portal</title>');
    server = await startApiServer({
      logFile,
      env: {
        PORTAL_DIST: portalDist,
        LOG_FORMAT: 'json',
        TRUST_PROXY: 'loopback',
        ANONYMOUS_REFUSAL_POINTS: String(BUDGET),
        ANONYMOUS_REFUSAL_WINDOW_SECONDS: String(WINDOW_SECONDS),
      },
    });
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (method: string, path: string, address: string, token?: string, body?: unknown) =>
    addressedRequest(server.url, method, path, address, token, body === undefined ? undefined : JSON.stringify(body));
  /** A body sent as it is, JSON or not. */
  const sendRaw = (path: string, address: string, body: string, token?: string) =>
    addressedRequest(server.url, 'POST', path, address, token, body);
  const get = (path: string, address: string, token?: string) => send('GET', path, address, token);
  const signIn = (address: string, email: string, password = 'demo-password') =>
    send('POST', '/api/auth/login', address, undefined, { email, password });

  const readLog = () => readJsonLog<LogLine>(logFile);
  /** The lines about an address's refusals: of their own, not of the request that opened the window. */
  const summariesOf = (address: string) =>
    readLog().filter((l) => l.context === 'AnonymousRefusals' && l.msg.includes(` ${address} `));
  const untilSummedUp = (address: string) =>
    eventually(
      `the refusals of ${address} are summed up`,
      async () => summariesOf(address).some((l) => l.msg.startsWith('Refused ') && l.msg.includes(' more ')),
      WINDOW_SECONDS * 1000 + 5000,
    );
  const summary = (msg: string) => ({
    level: 40,
    context: 'AnonymousRefusals',
    msg,
    time: expect.any(Number),
    pid: expect.any(Number),
    hostname: expect.any(String),
  });

  it('refuses an anonymous address past its budget of unknown routes with 429, logs the refusals as one line, and no one else is refused', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    // Unknown routes, told apart by an id: of an unknown route, the log keeps nothing else.
    const [elsewhere, signedIn, forged, ...floodIds] = Array.from({ length: BUDGET + 6 }, () => randomUUID());
    const flooded = (id: string) => `/api/flood/${id}`;
    const flood: Response[] = [];
    for (const id of floodIds) flood.push(await get(flooded(id), FLOODER));

    expect(flood.map((r) => r.status)).toEqual([...Array(BUDGET).fill(404), 429, 429, 429]);
    const refused = flood[BUDGET];
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/unknown/i) });

    // Another address has a budget of its own.
    expect((await get(flooded(elsewhere), NEIGHBOUR)).status).toBe(404);
    // Signed-in staff behind the same address: their requests, and their own wrong turns, are theirs.
    expect((await get('/api/patients', FLOODER, nurse.token)).status).toBe(200);
    expect((await get(flooded(signedIn), FLOODER, nurse.token)).status).toBe(404);
    // So are the portal's own pages (its client-side routes), health and signing in.
    const page = await get('/schedule/2026-01-05', FLOODER);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await get('/health/ready', FLOODER)).status).toBe(200);
    expect((await signIn(FLOODER, 'provider@riverside.test')).status).toBe(200);
    // A token that does not verify is no sign-in.
    expect((await get(flooded(forged), FLOODER, `${nurse.token}x`)).status).toBe(429);

    // Each request within the budget has its line, and so has the first refusal; the other
    // refusals are counted into one line when the window ends.
    await untilSummedUp(FLOODER);
    expect(
      readLog()
        .filter((l) => l.req?.url.startsWith('/api/[redacted]/'))
        .map((l) => [l.req?.url, l.res?.statusCode]),
    ).toEqual([
      ...floodIds.slice(0, BUDGET).map((id) => [`/api/[redacted]/${id}`, 404]),
      [`/api/[redacted]/${floodIds[BUDGET]}`, 429],
      [`/api/[redacted]/${elsewhere}`, 404],
      [`/api/[redacted]/${signedIn}`, 404],
    ]);
    expect(summariesOf(FLOODER)).toEqual([
      summary(`Refused 3 more anonymous requests from ${FLOODER} in ${WINDOW_SECONDS} s: 3 to unknown routes`),
    ]);
    nurse.close();
  });

  it('counts 401s without a valid sign-in into the same budget, but never a sign-in, a wrong password or a signed-in person', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const signedOut = await StaffSession.signIn(server.url, 'provider@riverside.test');
    expect((await signedOut.rest.post('/api/auth/logout')).status).toBe(204);
    const expired = forgeToken({ sub: nurse.userId, tid: nurse.tenantId }, { expiresInSeconds: -60 });

    // No token, a forged one, an expired one, a signed-out one: each a 401 and a point.
    const probes = [
      await get('/api/patients?probe=1', SCRIPT),
      await get('/api/patients?probe=2', SCRIPT, `${nurse.token}x`),
      await get('/api/patients?probe=3', SCRIPT, expired),
      await send('POST', '/api/auth/refresh?probe=4', SCRIPT, signedOut.token),
      await send('POST', '/api/auth/logout?probe=5', SCRIPT),
      await get('/api/patients?probe=6', SCRIPT, expired),
      // One budget: the 401s spent it for unknown routes too.
      await get('/api/flood-after-401s?probe=7', SCRIPT),
    ];
    expect(probes.map((r) => r.status)).toEqual([...Array(BUDGET).fill(401), 429, 429, 429]);
    const refused = probes[BUDGET];
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/sign-in/i) });

    // Another address has a budget of its own.
    expect((await get('/api/patients?probe=neighbour', SCRIPT_NEIGHBOUR)).status).toBe(401);
    // A signed-in person behind the same address reads, refreshes and signs out as before.
    expect((await get('/api/patients', SCRIPT, nurse.token)).status).toBe(200);
    const refreshed = await send('POST', '/api/auth/refresh', SCRIPT, nurse.token);
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    expect((await get('/api/patients', SCRIPT, accessToken)).status).toBe(200);
    // Signing in is not refused by it, and a wrong password gets the sign-in's own answer.
    const signedIn = await signIn(SCRIPT, 'frontdesk@riverside.test');
    expect(signedIn.status).toBe(200);
    const frontDesk = ((await signedIn.json()) as { accessToken: string }).accessToken;
    expect((await send('POST', '/api/auth/logout', SCRIPT, frontDesk)).status).toBe(204);
    const wrongPassword = await signIn(SCRIPT, 'frontdesk@riverside.test', 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.json()).toMatchObject({ message: 'Email or password is incorrect' });
    // The portal's pages and health answer too.
    expect((await get('/schedule/2026-01-05', SCRIPT)).status).toBe(200);
    expect((await get('/health/ready', SCRIPT)).status).toBe(200);

    // Wrong passwords are the sign-in throttle's to count, not this budget's.
    for (let i = 0; i <= BUDGET; i++)
      expect((await signIn(GUESSER, `nobody-${i}@riverside.test`, 'guess')).status).toBe(401);
    expect((await get('/api/patients?probe=guesser', GUESSER)).status).toBe(401);

    await untilSummedUp(SCRIPT);
    // A parameter no route reads is logged as `[redacted]`, name and all: the probes' lines, in order.
    expect(
      readLog()
        .filter((l) => l.req?.url.endsWith('?[redacted]'))
        .map((l) => [l.req?.url, l.res?.statusCode]),
    ).toEqual([
      ['/api/patients?[redacted]', 401],
      ['/api/patients?[redacted]', 401],
      ['/api/patients?[redacted]', 401],
      ['/api/auth/refresh?[redacted]', 401],
      ['/api/auth/logout?[redacted]', 429],
      ['/api/patients?[redacted]', 401],
      ['/api/patients?[redacted]', 401],
    ]);
    expect(summariesOf(SCRIPT)).toEqual([
      summary(
        `Refused 2 more anonymous requests from ${SCRIPT} in ${WINDOW_SECONDS} s: 1 to unknown routes, 1 without a valid sign-in`,
      ),
    ]);
    nurse.close();
    signedOut.close();
  });

  it('counts malformed and too large bodies of callers not signed in into the same budget, and past it refuses their bodies unread, but no signed-in person’s, no sign-in and no other address', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const malformed = [
      // Too many keys (JsonShapePipe), not JSON (the body parser), too large, not a sign-in (ValidationPipe).
      await sendRaw('/api/auth/login?probe=1', MALFORMER, MANY_KEYS),
      await sendRaw('/api/auth/login?probe=2', MALFORMER, '{"email":'),
      await sendRaw('/api/auth/login?probe=3', MALFORMER, TOO_LARGE),
      await sendRaw('/api/auth/login?probe=4', MALFORMER, JSON.stringify({ email: 'not-an-email', password: 'x' })),
      // Past the budget, bodies are refused before they are read: on every path, however large.
      await sendRaw('/api/auth/login?probe=5', MALFORMER, MANY_KEYS),
      await sendRaw('/api/auth/login?probe=6', MALFORMER, ONE_MEGABYTE),
      await sendRaw('/api/threads?probe=7', MALFORMER, ONE_MEGABYTE),
    ];
    expect(malformed.map((r) => r.status)).toEqual([400, 400, 413, 400, 429, 429, 429]);
    for (const refused of malformed.slice(BUDGET)) {
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toEqual({
        statusCode: 429,
        message: 'Too many refused requests from this address; sign in, or try again later',
        retryAfterSeconds: expect.any(Number),
      });
    }

    // Signing in is not refused by it; a body that is no sign-in is still read, and refused.
    expect((await signIn(MALFORMER, 'frontdesk@riverside.test')).status).toBe(200);
    const notASignIn = await sendRaw(
      '/api/auth/login?probe=8',
      MALFORMER,
      JSON.stringify({ email: 'x', password: 'x' }),
    );
    expect(notASignIn.status).toBe(429);
    expect(await notASignIn.json()).toMatchObject({ message: expect.stringMatching(/malformed/i) });

    // A signed-in person behind the same address: their bodies are read, and their mistakes are theirs.
    expect((await sendRaw('/api/threads', MALFORMER, MANY_KEYS, nurse.token)).status).toBe(400);
    expect((await sendRaw('/api/auth/refresh', MALFORMER, ONE_MEGABYTE, nurse.token)).status).toBe(413);
    expect((await get('/api/patients', MALFORMER, nurse.token)).status).toBe(200);
    // Another address has a budget of its own; the portal's pages and health answer.
    expect((await sendRaw('/api/auth/login?probe=neighbour', MALFORMER_NEIGHBOUR, MANY_KEYS)).status).toBe(400);
    expect((await get('/schedule/2026-01-05', MALFORMER)).status).toBe(200);
    expect((await get('/health/ready', MALFORMER)).status).toBe(200);

    await untilSummedUp(MALFORMER);
    // The pipes' refusals are logged as requests; the parser's and those refused unread come before
    // the request log: the first refusal of the window has a line of its own, the others are summed up.
    expect(
      readLog()
        .filter((l) => l.req?.url.startsWith('/api/auth/login?[redacted]'))
        .map((l) => l.res?.statusCode),
    ).toEqual([400, 400, 400]);
    expect(summariesOf(MALFORMER)).toEqual([
      summary(
        `Refused an anonymous request from ${MALFORMER} (refused unread), the first past its budget in this window`,
      ),
      summary(
        `Refused 3 more anonymous requests from ${MALFORMER} in ${WINDOW_SECONDS} s: 1 malformed, 2 refused unread`,
      ),
    ]);
    nurse.close();
  });
});
