import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';

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

describe('Unknown routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-unknown-routes-'));
  const logFile = join(dir, 'api.log');
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({
      logFile,
      env: {
        LOG_FORMAT: 'json',
        TRUST_PROXY: 'loopback',
        UNKNOWN_ROUTE_POINTS: String(BUDGET),
        UNKNOWN_ROUTE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      },
    });
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, address: string, token?: string) =>
    fetch(`${server.url}${path}`, {
      headers: { 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  // The API may be writing while the file is read: only what ends in a newline is a whole line.
  const readLog = () => {
    const text = readFileSync(logFile, 'utf8');
    return text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  };

  it('refuses an anonymous address past its budget with 429, logs the refusals as one line, and no one else is refused', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const flood: Response[] = [];
    for (let i = 0; i < BUDGET + 3; i++) flood.push(await get(`/api/flood-${i}`, FLOODER));

    expect(flood.map((r) => r.status)).toEqual([...Array(BUDGET).fill(404), 429, 429, 429]);
    const refused = flood[BUDGET];
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/unknown/i) });

    // Another address has a budget of its own.
    expect((await get('/api/flood-elsewhere', NEIGHBOUR)).status).toBe(404);
    // Signed-in staff behind the same address: their requests, and their own wrong turns, are theirs.
    expect((await get('/api/patients', FLOODER, nurse.token)).status).toBe(200);
    expect((await get('/api/flood-signed-in', FLOODER, nurse.token)).status).toBe(404);
    // So are the portal's own pages (its client-side routes), health and signing in.
    const page = await get('/schedule/2026-01-05', FLOODER);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await get('/health/ready', FLOODER)).status).toBe(200);
    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': FLOODER },
      body: JSON.stringify({ email: 'provider@riverside.test', password: 'demo-password' }),
    });
    expect(signIn.status).toBe(200);
    // A token that does not verify is no sign-in.
    expect((await get('/api/flood-forged', FLOODER, `${nurse.token}x`)).status).toBe(429);

    // Each request within the budget has its line, and so has the first refusal; the other
    // refusals are counted into one line when the window ends.
    const floodLines = () => readLog().filter((l) => l.req?.url.startsWith('/api/flood-'));
    await eventually(
      'the refusals are summed up',
      async () => readLog().some((l) => l.context === 'UnknownRoutes'),
      WINDOW_SECONDS * 1000 + 5000,
    );
    expect(floodLines().map((l) => [l.req?.url, l.res?.statusCode])).toEqual([
      ...Array.from({ length: BUDGET }, (_, i) => [`/api/flood-${i}`, 404]),
      [`/api/flood-${BUDGET}`, 429],
      ['/api/flood-elsewhere', 404],
      ['/api/flood-signed-in', 404],
    ]);
    // A line of its own, not of the request that opened the window.
    expect(readLog().filter((l) => l.context === 'UnknownRoutes')).toEqual([
      {
        level: 40,
        context: 'UnknownRoutes',
        msg: `Refused 3 more requests to unknown routes from ${FLOODER} in ${WINDOW_SECONDS} s`,
        time: expect.any(Number),
        pid: expect.any(Number),
        hostname: expect.any(String),
      },
    ]);
    nurse.close();
  });
});
