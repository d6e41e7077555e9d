import { LoginResponse, StaffMember } from '@derm/shared/contracts';
import {
  ApiServer,
  eventually,
  RealtimeTestClient,
  RestClient,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';

describe('sign-in and token refresh', () => {
  let server: ApiServer;
  let anonymous: RestClient;

  beforeAll(async () => {
    server = await startApiServer();
    anonymous = new RestClient(server.url);
  });
  afterAll(async () => server?.dispose());

  it('signs in with the demo password and answers one message for every failure', async () => {
    const ok = await anonymous.post<LoginResponse>('/api/auth/login', {
      email: 'NURSE@riverside.test',
      password: 'demo-password',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({
      role: 'nurse',
      tenantName: 'Riverside Dermatology',
      email: 'nurse@riverside.test',
    });
    const wrongPassword = await anonymous.post<{ message: string }>('/api/auth/login', {
      email: 'nurse@riverside.test',
      password: 'nope',
    });
    const unknown = await anonymous.post<{ message: string }>('/api/auth/login', {
      email: 'ghost@riverside.test',
      password: 'nope',
    });
    expect([wrongPassword.status, unknown.status]).toEqual([401, 401]);
    expect(wrongPassword.body.message).toBe(unknown.body.message);
  });

  it('refuses an email holding half of a surrogate pair as any malformed email: 400, naming the field', async () => {
    for (const email of ['\ud800@riverside.test', 'nurse@riverside.test\ud83d']) {
      const refused = await anonymous.post<{ message: string; fields: Record<string, string[]> }>('/api/auth/login', {
        email,
        password: 'demo-password',
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        message: 'Validation failed',
        fields: { email: ['email must be an email'] },
      });
    }
    expect(
      (await anonymous.post('/api/auth/login', { email: 'nurse@riverside.test', password: 'demo-password' })).status,
    ).toBe(200);
  });

  it('lists only the staff of the caller’s clinic, never credentials', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const staff = await nurse.rest.get<(StaffMember & { passwordHash?: string; email?: string })[]>('/api/staff');
    expect(staff.body.map((s) => s.role).sort()).toEqual(['admin', 'front-desk', 'nurse', 'provider']);
    expect(staff.body.every((s) => s.passwordHash === undefined && s.email === undefined)).toBe(true);
  });

  it('refreshes a token over REST, and the live socket takes it with session:refresh', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const socket: RealtimeTestClient = await nurse.connect();
    const refreshed = await nurse.rest.post<LoginResponse>('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.id).toBe(nurse.userId);
    expect(Date.parse(refreshed.body.expiresAt)).toBeGreaterThanOrEqual(Date.parse(nurse.login.expiresAt));
    expect(await socket.command('session:refresh', { token: refreshed.body.accessToken })).toEqual({
      ok: true,
      expiresAt: refreshed.body.expiresAt,
    });
    expect((await anonymous.post('/api/auth/refresh')).status).toBe(401);
    nurse.close();
  });

  it('an earlier token of the same session, handed over after a newer one, never brings the socket’s expiry forward', async () => {
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const socket: RealtimeTestClient = await nurse.connect();
    const first = nurse.login;
    // Expiries are whole seconds: a later refresh outlasts the sign-in's token by one at least.
    let newer = first;
    await eventually(
      'a refresh outlasting the sign-in',
      async () => {
        newer = (await nurse.rest.post<LoginResponse>('/api/auth/refresh')).body;
        return Date.parse(newer.expiresAt) > Date.parse(first.expiresAt);
      },
      5_000,
    );
    expect(await socket.command('session:refresh', { token: newer.accessToken })).toEqual({
      ok: true,
      expiresAt: newer.expiresAt,
    });
    expect(await socket.command('session:refresh', { token: first.accessToken })).toEqual({
      ok: true,
      expiresAt: newer.expiresAt,
    });
    expect(socket.connected).toBe(true);
    nurse.close();
  });
});
