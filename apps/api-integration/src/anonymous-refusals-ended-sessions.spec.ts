import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';
import { addressedRequest } from './support/addressed-request';
import { MANY_KEYS, TOO_LARGE } from './support/costly-bodies';

const BUDGET = 4;
const READS = 6;
/** More than either budget: past the address's, and, were they counted there, past the person's reads. */
const PROBES = READS + 2;
const SIGNED_OUT = '198.51.100.70';
const DEACTIVATED = '198.51.100.71';
const BODIES = '198.51.100.72';
const NEIGHBOUR = '198.51.100.73';

const UNREAD_REFUSAL = 'Too many refused requests from this address; sign in, or try again later';

/** A session signed out, or ended by a deactivation, is no sign-in: its token is spent as an anonymous caller's. */
describe('Anonymous refusals of ended sessions', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        TRUST_PROXY: 'loopback',
        ANONYMOUS_REFUSAL_POINTS: String(BUDGET),
        ANONYMOUS_REFUSAL_WINDOW_SECONDS: '60',
        REST_READ_POINTS: String(READS),
        REST_READ_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(async () => server?.dispose());

  const send = (method: string, path: string, address: string, token?: string, body?: string) =>
    addressedRequest(server.url, method, path, address, token, body);
  const get = (path: string, address: string, token?: string) => send('GET', path, address, token);
  const signIn = (email: string) => StaffSession.signIn(server.url, email);
  /** Unknown routes asked one after another, by status. */
  const probeUnknownRoutes = async (address: string, token: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < PROBES; i++) statuses.push((await get(`/api/no-such-route-${i}`, address, token)).status);
    return statuses;
  };
  const spentAddress = [...Array(BUDGET).fill(404), ...Array(PROBES - BUDGET).fill(429)];

  it('spends the address’s budget, never the person’s reads, on a signed-out token’s unknown routes', async () => {
    const live = await signIn('provider@riverside.test');
    const old = await signIn('provider@riverside.test');
    expect((await old.rest.post('/api/auth/logout')).status).toBe(204);

    expect(await probeUnknownRoutes(SIGNED_OUT, old.token)).toEqual(spentAddress);
    const refused = await get('/api/no-such-route-again', SIGNED_OUT, old.token);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/unknown routes/) });
    // Its known routes are refused as any caller's without a valid sign-in.
    expect((await get('/api/staff', SIGNED_OUT, old.token)).status).toBe(429);
    expect((await get('/api/staff', NEIGHBOUR, old.token)).status).toBe(401);
    // The anonymous caller behind that address shares the spent budget; another address has its own.
    expect((await get('/api/no-such-route', SIGNED_OUT)).status).toBe(429);
    expect((await get('/api/no-such-route', NEIGHBOUR)).status).toBe(404);

    // The person's live session, behind the same address, reads with its budget whole.
    for (let i = 0; i < READS - 1; i++) expect((await get('/api/staff', SIGNED_OUT, live.token)).status).toBe(200);
    // And its own unknown routes cost its reads, not the address's budget.
    expect((await get('/api/no-such-route-live', SIGNED_OUT, live.token)).status).toBe(404);
    expect((await get('/api/staff', SIGNED_OUT, live.token)).status).toBe(429);
    live.close();
    old.close();
  });

  it('spends the address’s budget, never the person’s reads, on a deactivated account’s token', async () => {
    const admin = await signIn('admin@riverside.test');
    const frontDesk = await signIn('frontdesk@riverside.test');
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { active: false })).status).toBe(200);

    expect(await probeUnknownRoutes(DEACTIVATED, frontDesk.token)).toEqual(spentAddress);

    // Reactivated, the person signs in again to a read budget nobody spent.
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { active: true })).status).toBe(200);
    const again = await signIn('frontdesk@riverside.test');
    for (let i = 0; i < READS; i++) expect((await get('/api/staff', DEACTIVATED, again.token)).status).toBe(200);
    // The old token stays ended.
    expect((await get('/api/staff', NEIGHBOUR, frontDesk.token)).status).toBe(401);
    admin.close();
    frontDesk.close();
    again.close();
  });

  it('counts a signed-out token’s refused bodies and, past the budget, refuses them unread; a live token’s bodies are read', async () => {
    const live = await signIn('nurse@riverside.test');
    const old = await signIn('nurse@riverside.test');
    expect((await old.rest.post('/api/auth/logout')).status).toBe(204);

    const bodies = [
      // Too large for the body parser: a point, as an anonymous caller's.
      await send('POST', '/api/threads', BODIES, old.token, TOO_LARGE),
      // Read, then refused by the guard: a point each.
      await send('POST', '/api/threads', BODIES, old.token, MANY_KEYS),
      await send('POST', '/api/threads', BODIES, old.token, MANY_KEYS),
      await send('POST', '/api/threads', BODIES, old.token, MANY_KEYS),
      // Past the budget, refused before they are read.
      await send('POST', '/api/threads', BODIES, old.token, MANY_KEYS),
      await send('POST', '/api/auth/refresh', BODIES, old.token, TOO_LARGE),
    ];
    expect(bodies.map((r) => r.status)).toEqual([413, 401, 401, 401, 429, 429]);
    for (const refused of bodies.slice(BUDGET))
      expect(await refused.json()).toMatchObject({ statusCode: 429, message: UNREAD_REFUSAL });

    // The live session behind the same address: its bodies are read, its mistakes its own.
    expect((await send('POST', '/api/threads', BODIES, live.token, MANY_KEYS)).status).toBe(400);
    expect((await send('POST', '/api/auth/refresh', BODIES, live.token, TOO_LARGE)).status).toBe(413);
    expect((await get('/api/staff', BODIES, live.token)).status).toBe(200);
    live.close();
    old.close();
  });
});
