import { LoginResponse, PatientSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { scrape } from './support/metrics';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
const BUDGET = 2;

/** The scheme as RFC 7235 and RFC 6750 allow it: any case, one or more spaces (or tabs). */
const spellings = (token: string) => [`bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`, `bearer\t${token}`];

describe('Authorization: the bearer scheme in any case, after one or more spaces', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let lakesideNurse: StaffSession;
  let riversidePatient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer({
      env: { METRICS_TOKEN, TRUST_PROXY: 'loopback', ANONYMOUS_REFUSAL_POINTS: String(BUDGET) },
    });
    [nurse, lakesideNurse] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
    ]);
    [riversidePatient] = (await nurse.rest.get<PatientSummary[]>('/api/patients?limit=1')).body;
  });
  afterAll(async () => {
    nurse?.close();
    lakesideNurse?.close();
    await server?.dispose();
  });

  const send = async (method: string, path: string, authorization: string, address = '127.0.0.1') => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization, 'x-forwarded-for': address },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const signedOut = async (email: string) => {
    const session = await StaffSession.signIn(server.url, email);
    expect((await session.rest.post('/api/auth/logout')).status).toBe(204);
    return session.token;
  };

  it('serves REST to the person the token names, and nothing of another clinic to its token', async () => {
    const ids = (body: unknown) => (body as PatientSummary[]).map((patient) => patient.id);
    const own = ids((await nurse.rest.get('/api/patients')).body);
    for (const authorization of spellings(nurse.token)) {
      const patients = await send('GET', '/api/patients', authorization);
      expect({ authorization, status: patients.status }).toEqual({ authorization, status: 200 });
      expect(ids(patients.body)).toEqual(own);
      const refreshed = await send('POST', '/api/auth/refresh', authorization);
      expect((refreshed.body as LoginResponse).user).toMatchObject({ id: nurse.userId, tenantId: nurse.tenantId });
    }

    for (const authorization of spellings(lakesideNurse.token)) {
      const theirs = await send('GET', '/api/patients', authorization);
      expect(theirs.status).toBe(200);
      expect(ids(theirs.body)).not.toContain(riversidePatient.id);
      expect((await send('GET', `/api/patients/${riversidePatient.id}`, authorization)).status).toBe(404);
    }
  });

  it('still refuses a revoked token, another scheme, no token and a token with spaces inside', async () => {
    const revoked = await signedOut('provider@riverside.test');
    const refused = [
      ...spellings(revoked),
      `Basic ${nurse.token}`,
      'bearer',
      'bearer   ',
      `bearer ${nurse.token} ${nurse.token}`,
      `bearerx ${nurse.token}`,
    ];
    // Each from an address of its own: the 401s would otherwise spend one budget of anonymous refusals.
    for (const [i, authorization] of refused.entries()) {
      const answer = await send('GET', '/api/patients', authorization, `198.51.100.${i + 1}`);
      expect({ authorization, status: answer.status }).toEqual({ authorization, status: 401 });
    }
  });

  it("admits a handshake with the header to the person the token names, and refuses a revoked one's", async () => {
    for (const authorization of spellings(nurse.token)) {
      const socket = await RealtimeTestClient.connect(server.url, '', { auth: {}, extraHeaders: { authorization } });
      expect(socket.ready).toMatchObject({ userId: nurse.userId, tenantId: nurse.tenantId });
      socket.close();
    }

    const lakeside = await RealtimeTestClient.connect(server.url, '', {
      auth: {},
      extraHeaders: { authorization: `bearer ${lakesideNurse.token}` },
    });
    expect(lakeside.ready).toMatchObject({ userId: lakesideNurse.userId, tenantId: lakesideNurse.tenantId });
    expect(await lakeside.command('patient:view-start', { patientId: riversidePatient.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    lakeside.close();

    const revoked = await signedOut('frontdesk@riverside.test');
    const refusal = await RealtimeTestClient.refusedHandshake(server.url, {
      auth: {},
      extraHeaders: { authorization: `bearer ${revoked}` },
    });
    expect(refusal.data?.code).toBe('REVOKED');
    for (const authorization of [`Basic ${nurse.token}`, `bearer ${nurse.token} x`]) {
      const refused = await RealtimeTestClient.refusedHandshake(server.url, {
        auth: {},
        extraHeaders: { authorization },
      });
      expect({ authorization, code: refused.data?.code }).toEqual({ authorization, code: 'UNAUTHORIZED' });
    }
  });

  it('lets a Prometheus scrape present the metrics token so, and no other', async () => {
    for (const authorization of spellings(METRICS_TOKEN)) {
      const response = await fetch(`${server.url}/metrics`, { headers: { authorization } });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 200 });
    }
    for (const authorization of [`bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, `bearer ${nurse.token}`]) {
      const response = await fetch(`${server.url}/metrics`, { headers: { authorization } });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
    }
    expect((await scrape(server.url)).status).toBe(401);
  });

  it("does not count a signed-in person's unknown routes as anonymous refusals, however the scheme is spelled", async () => {
    const person = '198.51.100.60';
    for (let i = 0; i <= BUDGET + 1; i++) {
      expect((await send('GET', `/api/no-such-route-${i}`, `bearer ${nurse.token}`, person)).status).toBe(404);
    }
    // Without a valid token, the same address has a budget like anyone.
    const anonymous = [];
    for (let i = 0; i <= BUDGET; i++) {
      anonymous.push((await send('GET', `/api/no-such-route-${i}`, `bearer ${nurse.token}x`, person)).status);
    }
    expect(anonymous).toEqual([...Array(BUDGET).fill(404), 429]);
  });
});
