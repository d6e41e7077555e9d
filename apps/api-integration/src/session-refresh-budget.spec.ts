import { Ack, LoginResponse } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { forgeToken, sessionClaimsOf } from './support/tokens';

/** Short enough to wait out, long enough for what each test does before the first token runs out. */
const JWT_TTL_SECONDS = 6;
const COMMANDS = 5;
const REFRESHES = 3;

const refusal = (ack: Ack) => (ack.ok ? undefined : ack.error);

describe('session:refresh, apart from the command budget', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        JWT_TTL: `${JWT_TTL_SECONDS}s`,
        WS_RATE_LIMIT_POINTS: String(COMMANDS),
        WS_RATE_LIMIT_WINDOW_MS: '60000',
        WS_REFRESH_POINTS: String(REFRESHES),
        WS_REFRESH_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(async () => server?.dispose());

  const signIn = (email: string) => StaffSession.signIn(server.url, email);
  /** Another tab of the person spends their whole command budget with ordinary traffic. */
  const spendCommandBudget = async (tab: RealtimeTestClient) => {
    const acks = await Promise.all(Array.from({ length: COMMANDS + 1 }, () => tab.command('presence:list', {})));
    expect(acks.map((ack) => refusal(ack)?.code)).toContain('RATE_LIMITED');
  };
  /** A socket on the person's current token, never refreshed: it is told when that token ran out. */
  const tokenRanOut = async (session: StaffSession) =>
    (await session.connect()).waitFor('session:expired', () => true, (JWT_TTL_SECONDS + 3) * 1000);

  it('keeps the socket past its first token when the person’s other tab spent the command budget', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const [tab, otherTab] = [await nurse.connect(), await nurse.connect()];
    const firstTokenRanOut = tokenRanOut(nurse);
    await spendCommandBudget(otherTab);
    expect(refusal(await tab.command('presence:list', {}))?.code).toBe('RATE_LIMITED');

    const refreshed = await nurse.rest.post<LoginResponse>('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(await tab.command('session:refresh', { token: refreshed.body.accessToken })).toEqual({
      ok: true,
      expiresAt: refreshed.body.expiresAt,
    });

    await tab.expectNone('session:expired', () => true, { after: firstTokenRanOut });
    expect(tab.connected).toBe(true);
    // The other tab, never refreshed, ended with its token.
    expect((await otherTab.waitFor('session:expired')).reason).toBe('TOKEN_EXPIRED');
    nurse.close();
  });

  it('still refuses, with the budget spent, a token of another person or of another clinic, and ends the socket with its own', async () => {
    const provider = await signIn('provider@riverside.test');
    const [colleague, outsider] = [await signIn('admin@riverside.test'), await signIn('provider@lakeside.test')];
    const tab = await provider.connect();
    const firstTokenRanOut = tokenRanOut(provider);
    await spendCommandBudget(await provider.connect());

    // Their own live sessions' tokens, valid for long after the provider's: taken, they would keep the tab.
    const longLivedTokenOf = (session: StaffSession) =>
      forgeToken({ sub: session.userId, tid: session.tenantId, ...sessionClaimsOf(session.token) });
    for (const stranger of [colleague, outsider]) {
      expect(await tab.command('session:refresh', { token: longLivedTokenOf(stranger) })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.any(String) },
      });
    }
    await firstTokenRanOut;
    expect(await tab.waitFor('session:expired')).toEqual({
      reason: 'TOKEN_EXPIRED',
      expiredAt: new Date(provider.login.expiresAt).toISOString(),
    });
    [provider, colleague, outsider].forEach((session) => session.close());
  });

  it('bounds a socket’s refreshes by a budget of their own, which costs nobody else theirs', async () => {
    const nurse = await signIn('nurse@lakeside.test');
    const colleague = await signIn('frontdesk@lakeside.test');
    const [spammer, otherTab, colleagueTab] = [await nurse.connect(), await nurse.connect(), await colleague.connect()];

    const acks = await Promise.all(
      Array.from({ length: REFRESHES + 2 }, () => spammer.command('session:refresh', { token: nurse.token })),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(REFRESHES);
    const refused = acks.map(refusal).filter((error) => error !== undefined);
    expect(refused).toEqual(
      Array(2).fill({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/retry in/),
        retryInMs: expect.any(Number),
      }),
    );
    expect(refused.every((error) => error!.retryInMs! > 0)).toBe(true);

    // Neither the person's commands nor their other tab's refreshes, nor a colleague's, paid for it.
    expect((await spammer.command('presence:list', {})).ok).toBe(true);
    expect(await otherTab.command('session:refresh', { token: nurse.token })).toMatchObject({ ok: true });
    expect(await colleagueTab.command('session:refresh', { token: colleague.token })).toMatchObject({ ok: true });
    expect(spammer.connected).toBe(true);
    [nurse, colleague].forEach((session) => session.close());
  });
});
