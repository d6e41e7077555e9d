import { randomUUID } from 'node:crypto';
import { LoginResponse, StaffAccount } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, RestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { describeRevocation } from './support/revocation-scenarios';
import { describeNothingAfterRevocation } from './support/revoked-hear-nothing';
import { forgeToken } from './support/tokens';

const SESSION_MAX_AGE_SECONDS = 120;

describe('sessions: sign-out, deactivation, role changes and bounds, on one node', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({ env: { SESSION_MAX_AGE: `${SESSION_MAX_AGE_SECONDS}s` } });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  describeRevocation(() => ({ actionUrl: server.url, observerUrl: server.url }));
  describeNothingAfterRevocation(() => ({ actionUrl: server.url, observerUrl: server.url }));

  it('only an admin of the same clinic administers staff, and never deactivates themself', async () => {
    const [admin, nurse, lakesideAdmin] = await Promise.all(
      ['admin@riverside.test', 'nurse@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    expect((await nurse.rest.patch(`/api/staff/${admin.userId}`, { active: false })).status).toBe(403);
    expect((await lakesideAdmin.rest.patch(`/api/staff/${nurse.userId}`, { active: false })).status).toBe(404);
    expect((await admin.rest.patch(`/api/staff/${admin.userId}`, { active: false })).status).toBe(400);
    expect((await admin.rest.patch(`/api/staff/${admin.userId}`, { role: 'nurse' })).status).toBe(400);
    expect((await admin.rest.patch(`/api/staff/${nurse.userId}`, { role: 'superuser' })).status).toBe(400);
    const unchanged = await admin.rest.patch<StaffAccount>(`/api/staff/${nurse.userId}`, {});
    expect(unchanged.body).toMatchObject({ role: 'nurse', active: true });
  });

  it('a sign-in between two deactivations in one second stays revoked after the reactivation', async () => {
    const admin = await StaffSession.signIn(server.url, 'admin@lakeside.test');
    const nurseId = (await StaffSession.signIn(server.url, 'nurse@lakeside.test')).userId;
    const setActive = async (active: boolean) =>
      expect((await admin.rest.patch(`/api/staff/${nurseId}`, { active })).status).toBe(200);
    // Revocations count in whole seconds: all four steps fall in one second when started just after one begins.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
    await setActive(false);
    await setActive(true);
    const between = await StaffSession.signIn(server.url, 'nurse@lakeside.test');
    await setActive(false);
    await setActive(true);

    expect((await between.rest.get('/api/threads')).status).toBe(401);
    expect((await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: between.token } })).message).toBe(
      'REVOKED',
    );
    const afterwards = await StaffSession.signIn(server.url, 'nurse@lakeside.test');
    expect((await afterwards.rest.get('/api/threads')).status).toBe(200);
  });

  it('refuses the token of an account that does not exist, and a token without an expiry', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const ofNobody = forgeToken({ sub: randomUUID(), tid: nurse.tenantId });
    const endless = forgeToken({ sub: nurse.userId, tid: nurse.tenantId }, { expiresInSeconds: null });
    for (const token of [ofNobody, endless]) {
      expect((await new RestClient(server.url, token).get('/api/patients')).status).toBe(401);
      const refused = await RealtimeTestClient.refusedHandshake(server.url, { auth: { token } });
      expect(refused.message).toBe('UNAUTHORIZED');
    }
    // The same claims with an expiry and a real account are accepted: the refusals above are about what differs.
    const valid = forgeToken({ sub: nurse.userId, tid: nurse.tenantId });
    expect((await new RestClient(server.url, valid).get('/api/patients')).status).toBe(200);
  });

  it('never issues a token past SESSION_MAX_AGE after sign-in, however often it is refreshed', async () => {
    const signedInAt = Date.now();
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const sessionEnd = signedInAt + (SESSION_MAX_AGE_SECONDS + 1) * 1000;
    expect(Date.parse(nurse.login.expiresAt)).toBeLessThanOrEqual(sessionEnd);
    const refreshed = await nurse.rest.post<LoginResponse>('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(Date.parse(refreshed.body.expiresAt)).toBeLessThanOrEqual(sessionEnd);
    const again = await new RestClient(server.url, refreshed.body.accessToken).post<LoginResponse>('/api/auth/refresh');
    expect(Date.parse(again.body.expiresAt)).toBeLessThanOrEqual(sessionEnd);
  });
});

describe('sessions: a sign-in whose password check waits past a deactivation', () => {
  let server: ApiServer;

  beforeAll(async () => {
    // Sign-ins from other addresses (X-Forwarded-For, believed from loopback) fill the hash queue.
    server = await startApiServer({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const signInFrom = (address: string, email: string, password = 'demo-password') =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    });

  it('is refused, or its token stays revoked after the reactivation', async () => {
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    const nurseId = (await StaffSession.signIn(server.url, 'nurse@riverside.test')).userId;
    const setActive = async (active: boolean) =>
      expect((await admin.rest.patch(`/api/staff/${nurseId}`, { active })).status).toBe(200);

    const queue = Array.from({ length: 20 }, (_, i) => signInFrom(`10.9.0.${i + 1}`, `nobody${i}@riverside.test`));
    const nurse = signInFrom('10.9.1.1', 'nurse@riverside.test');
    // A few milliseconds for her account to be read; her password check then waits behind the queue.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await setActive(false);
    const answer = await nurse;
    await Promise.all(queue);
    await setActive(true);

    if (answer.status !== 200) {
      expect(answer.status).toBe(401);
      return;
    }
    const { accessToken } = (await answer.json()) as LoginResponse;
    expect((await new RestClient(server.url, accessToken).get('/api/threads')).status).toBe(401);
  });
});
