import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { expectEndedWhenTokenRunsOut, forgeToken, sessionClaimsOf } from './support/tokens';

describe('client commands and the session', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({ env: { WS_RATE_LIMIT_POINTS: '20', WS_RATE_LIMIT_WINDOW_MS: '3000' } });
    [nurse, provider] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
    ]);
  });
  afterAll(async () => {
    [nurse, provider].forEach((s) => s?.close());
    await server?.dispose();
  });

  it('answers malformed commands with VALIDATION_FAILED and keeps the socket and its neighbours working', async () => {
    const socket = await nurse.connect();
    const neighbour = await provider.connect();
    for (const args of [[{ token: 42 }], ['just a string'], [null], [[1, 2]], [{ token: nurse.token, extra: true }]]) {
      expect(await socket.raw('session:refresh', args)).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          ...(typeof args[0] === 'object' && args[0] && !Array.isArray(args[0]) ? { fields: expect.any(Object) } : {}),
        },
      });
    }
    expect(socket.connected).toBe(true);
    expect(await socket.command('session:refresh', { token: nurse.token })).toEqual({
      ok: true,
      expiresAt: expect.any(String),
    });
    expect(await neighbour.command('session:refresh', { token: provider.token })).toMatchObject({ ok: true });
  });

  it('answers a command nobody handles instead of leaving it unanswered', async () => {
    const socket = await nurse.connect();
    expect(await socket.raw('appointment:delete-everything', [{}])).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'Unknown command "appointment:delete-everything"' },
    });
    expect(await socket.command('session:refresh', { token: nurse.token })).toMatchObject({ ok: true });
  });

  it('drops only the socket that sends an oversized packet', async () => {
    const flooder = await nurse.connect();
    const neighbour = await provider.connect();
    const closed = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
    flooder.socket.emit('session:refresh', { token: 'x'.repeat(200 * 1024) }, () => undefined);
    expect(await closed).toMatch(/close|error/);
    expect(neighbour.connected).toBe(true);
    expect(await neighbour.command('session:refresh', { token: provider.token })).toMatchObject({ ok: true });
    const again = await nurse.connect();
    expect(again.connected).toBe(true);
  });

  it('refuses a refresh with somebody else’s token, or with a token of another session of the same person', async () => {
    const socket = await nurse.connect();
    const ack = await socket.command('session:refresh', { token: provider.token });
    expect(ack).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    const otherSession = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const other = await socket.command('session:refresh', { token: otherSession.token });
    expect(other).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  it('sends session:expired and disconnects when the token runs out', async () => {
    await expectEndedWhenTokenRunsOut(server.url, nurse);
  });

  it('keeps a socket alive past its first token with session:refresh', async () => {
    const sameSession = sessionClaimsOf(nurse.token);
    const shortLived = forgeToken({ sub: nurse.userId, tid: nurse.tenantId, ...sameSession }, { expiresInSeconds: 2 });
    const socket = await RealtimeTestClient.connect(server.url, shortLived);
    // The same short-lived token, never refreshed: its expiry marks when the first token ran out.
    const control = await RealtimeTestClient.connect(server.url, shortLived);
    const ack = await socket.command('session:refresh', { token: nurse.token });
    expect(ack.ok).toBe(true);
    await socket.expectNone('session:expired', () => true, {
      after: control.waitFor('session:expired', () => true, 5000),
    });
    expect(socket.connected).toBe(true);
    expect(await socket.command('session:refresh', { token: nurse.token })).toMatchObject({ ok: true });
    socket.close();
  });

  it('rate-limits a flooding socket while a neighbour is unaffected', async () => {
    // The budget is per person: someone who has sent nothing yet in this suite.
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    const flooder = await admin.connect();
    const neighbour = await provider.connect();
    const acks = await Promise.all(Array.from({ length: 30 }, () => flooder.command('presence:list', {})));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(limited.length).toBe(10);
    expect(acks.filter((a) => a.ok).length).toBe(20);
    expect(await neighbour.command('presence:list', {})).toMatchObject({ ok: true });
    expect(flooder.connected).toBe(true);
    admin.close();
  });
});
