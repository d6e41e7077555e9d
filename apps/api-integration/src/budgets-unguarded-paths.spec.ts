import { LoginResponse } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

/** The default refresh budget: the flood and the portal's use below are both measured against it. */
const REFRESHES = 30;
const REST_READS = 12;
const DOCUMENTS = 5;
const FLOOD = 2 * REFRESHES;
const FLOODER = '198.51.100.60';
const NEIGHBOUR = '198.51.100.61';
const TODAY = '/api/appointments?date=2026-12-06';

/** Every one of `count` requests sent at once, answered. */
const atOnce = (count: number, send: (index: number) => Promise<Response>) =>
  Promise.all(Array.from({ length: count }, (_, index) => send(index)));

async function expectRefusedWithRetryAfter(answers: Response[]): Promise<void> {
  const refused = answers.filter((answer) => answer.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  for (const answer of refused) {
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await answer.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/\w/) });
  }
}

describe('budgets of the paths outside the REST read and write budgets', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        TRUST_PROXY: 'loopback',
        REST_READ_POINTS: String(REST_READS),
        REST_READ_WINDOW_SECONDS: '60',
        PUBLIC_DOCUMENT_POINTS: String(DOCUMENTS),
        PUBLIC_DOCUMENT_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(async () => server?.dispose());

  const signIn = (email: string) => StaffSession.signIn(server.url, email);
  const send = (path: string, init: { method?: string; token?: string; address?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.address ? { 'x-forwarded-for': init.address } : {}),
      },
    });
  const refresh = (token: string) => send('/api/auth/refresh', { method: 'POST', token });

  it('refuses a flood of refreshes from one person with 429 and Retry-After; colleagues and other clinics refresh and read', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const colleague = await signIn('provider@riverside.test');
    const otherClinic = await signIn('provider@lakeside.test');

    const [flood, otherClinicsRead, otherClinicsRefresh, colleaguesRefresh] = await Promise.all([
      atOnce(FLOOD, () => refresh(nurse.token)),
      send(TODAY, { token: otherClinic.token }),
      refresh(otherClinic.token),
      refresh(colleague.token),
    ]);

    await expectRefusedWithRetryAfter(flood);
    expect(flood.filter((answer) => answer.status === 200)).toHaveLength(REFRESHES);
    expect(otherClinicsRead.status).toBe(200);
    expect(otherClinicsRefresh.status).toBe(200);
    expect(colleaguesRefresh.status).toBe(200);
    // The budget is the person's, not the session's: signing in again does not refill it.
    const nurseAgain = await signIn('nurse@riverside.test');
    expect((await refresh(nurseAgain.token)).status).toBe(429);
    // Nor does it cost the person's reads or sign-out.
    expect((await send(TODAY, { token: nurse.token })).status).toBe(200);
    expect((await send('/api/auth/logout', { method: 'POST', token: nurse.token })).status).toBe(204);
    // A signed-out session gets no new token, budget or not.
    expect((await refresh(nurse.token)).status).toBe(401);
  });

  it('counts a signed-in person’s requests for routes that do not exist against their read budget', async () => {
    const nurse = await signIn('nurse@lakeside.test');
    const colleague = await signIn('frontdesk@lakeside.test');
    const otherClinic = await signIn('nurse@riverside.test');

    const [flood, colleaguesRead, otherClinicsRead, otherClinicsUnknown] = await Promise.all([
      atOnce(FLOOD, (index) => send(`/api/nope${index}`, { token: nurse.token })),
      send(TODAY, { token: colleague.token }),
      send(TODAY, { token: otherClinic.token }),
      send('/api/nope', { token: otherClinic.token }),
    ]);

    await expectRefusedWithRetryAfter(flood);
    expect(flood.filter((answer) => answer.status === 404)).toHaveLength(REST_READS);
    expect(colleaguesRead.status).toBe(200);
    expect(otherClinicsRead.status).toBe(200);
    expect(otherClinicsUnknown.status).toBe(404);
    // One budget: the routes that exist are refused to the person too, until the window ends.
    expect((await send(TODAY, { token: nurse.token })).status).toBe(429);
  });

  it('refuses a flood of the public API documents from one address; other addresses, signed-in reads and health still answer', async () => {
    const otherClinic = await signIn('frontdesk@riverside.test');
    const [openApi, asyncApi, neighbours, otherClinicsRead, live, ready] = await Promise.all([
      atOnce(FLOOD, () => send('/api/openapi.json', { address: FLOODER })),
      atOnce(FLOOD, () => send('/api/asyncapi.json', { address: FLOODER })),
      send('/api/openapi.json', { address: NEIGHBOUR }),
      send(TODAY, { token: otherClinic.token, address: FLOODER }),
      atOnce(FLOOD, () => send('/health/live', { address: FLOODER })),
      atOnce(FLOOD, () => send('/health/ready', { address: FLOODER })),
    ]);

    await expectRefusedWithRetryAfter([...openApi, ...asyncApi]);
    expect([...openApi, ...asyncApi].filter((answer) => answer.status === 200)).toHaveLength(DOCUMENTS);
    expect(neighbours.status).toBe(200);
    expect(otherClinicsRead.status).toBe(200);
    // The orchestrator's probes are never refused: a healthy node must never look dead.
    expect(new Set([...live, ...ready].map((answer) => answer.status))).toEqual(new Set([200]));
  });

  it('never refuses the portal’s own refreshes: one per tab start and one on staff:changed, for ten tabs of one person at once', async () => {
    const tabs = await Promise.all(Array.from({ length: 10 }, () => signIn('admin@lakeside.test')));
    const refreshOf = (tab: StaffSession) => tab.rest.post<LoginResponse>('/api/auth/refresh');
    const atStart = await Promise.all(tabs.map(refreshOf));
    const onStaffChanged = await Promise.all(tabs.map(refreshOf));
    expect([...atStart, ...onStaffChanged].map((answer) => answer.status)).toEqual(Array(20).fill(200));
  });
});
