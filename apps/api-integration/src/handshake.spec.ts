import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { forgeToken, unsignedToken } from './support/tokens';

describe('Socket.IO handshake', () => {
  let server: ApiServer;
  let nurse: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({ env: { CORS_ORIGINS: 'https://portal.riverside.test' } });
    nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
  });
  afterAll(async () => {
    nurse?.close();
    await server?.dispose();
  });

  const refusal = (options: Parameters<typeof RealtimeTestClient.refusedHandshake>[1]) =>
    RealtimeTestClient.refusedHandshake(server.url, options);

  it('accepts a valid token and says session:ready with the identity from the token', async () => {
    const socket = await nurse.connect();
    expect(socket.ready).toMatchObject({
      userId: nurse.userId,
      tenantId: nurse.tenantId,
      role: 'nurse',
      recovered: false,
    });
    expect(Date.parse(socket.ready.serverTime)).not.toBeNaN();
  });

  it('accepts the token from an Authorization header (non-browser clients)', async () => {
    const socket = await RealtimeTestClient.connect(server.url, '', {
      auth: {},
      extraHeaders: { authorization: `Bearer ${nurse.token}` },
    });
    expect(socket.ready.userId).toBe(nurse.userId);
    socket.close();
  });

  it('refuses a connection without a token', async () => {
    const refused = await refusal({});
    expect(refused.message).toBe('UNAUTHORIZED');
    expect(refused.data).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
  });

  it('refuses a token signed with another secret', async () => {
    const token = forgeToken({ sub: nurse.userId, tid: nurse.tenantId }, { secret: 'another-secret-entirely-123' });
    expect((await refusal({ auth: { token } })).message).toBe('UNAUTHORIZED');
  });

  it('refuses an expired token as TOKEN_EXPIRED', async () => {
    const token = forgeToken({ sub: nurse.userId, tid: nurse.tenantId }, { expiresInSeconds: -10 });
    const refused = await refusal({ auth: { token } });
    expect(refused.message).toBe('TOKEN_EXPIRED');
    expect(refused.data?.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses an unsigned alg:none token', async () => {
    const token = unsignedToken({ sub: nurse.userId, tid: nurse.tenantId });
    expect((await refusal({ auth: { token } })).message).toBe('UNAUTHORIZED');
  });

  it('refuses a well-signed token of an unknown clinic as TENANT_INVALID', async () => {
    const token = forgeToken({ sub: nurse.userId, tid: '00000000-0000-4000-8000-000000000000' });
    expect((await refusal({ auth: { token } })).message).toBe('TENANT_INVALID');
  });

  it('refuses a token that is not a string with VALIDATION_FAILED saying so, not as missing', async () => {
    for (const token of [5, { token: nurse.token }, [nurse.token], true]) {
      const refused = await refusal({ auth: { token } });
      expect(refused.message).toBe('VALIDATION_FAILED');
      expect(refused.data).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'auth.token must be a string: the access token',
      });
    }
    expect((await refusal({ auth: {} })).data).toEqual({
      code: 'UNAUTHORIZED',
      message: 'An access token is required',
    });
  });

  it('refuses an unknown presence delivery with VALIDATION_FAILED naming the choices, and admits the known ones or none', async () => {
    for (const presence of ['batch', '', 42, { each: true }]) {
      const refused = await refusal({ auth: { token: nurse.token, presence } });
      expect(refused.message).toBe('VALIDATION_FAILED');
      expect(refused.data).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'auth.presence must be one of: each, batched',
      });
    }
    for (const presence of ['each', 'batched', undefined]) {
      const socket = await nurse.connect({ auth: { token: nurse.token, presence } });
      expect(socket.ready.userId).toBe(nurse.userId);
      socket.close();
    }
  });

  it('refuses a token in the query string, even a valid one', async () => {
    expect((await refusal({ query: { token: nurse.token } })).message).toBe('UNAUTHORIZED');
    expect((await refusal({ query: { token: nurse.token }, auth: { token: nurse.token } })).message).toBe(
      'UNAUTHORIZED',
    );
  });

  it('refuses a browser handshake from a foreign Origin and accepts an allowed one', async () => {
    const foreign = await refusal({ auth: { token: nurse.token }, extraHeaders: { origin: 'https://evil.example' } });
    expect(foreign.message).not.toBe('');
    const allowed = await RealtimeTestClient.connect(server.url, nurse.token, {
      extraHeaders: { origin: 'https://portal.riverside.test' },
    });
    expect(allowed.connected).toBe(true);
    allowed.close();
  });
});
