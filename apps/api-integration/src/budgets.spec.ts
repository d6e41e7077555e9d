import { Ack, LoginResponse, StaffMember } from '@derm/shared/contracts';
import {
  ApiServer,
  eventually,
  RealtimeTestClient,
  RestClient,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';
import { sample, scrape } from './support/metrics';

const REST_WRITES = 5;
const REST_READS = 12;
const COMMANDS = 8;
const MAX_CONNECTIONS = 3;
const IN_FLIGHT = 4;

/** Whether a handshake would be admitted now (the probe closes at once, freeing its place). */
const admitsAnother = (url: string, token: string) =>
  RealtimeTestClient.refusedHandshake(url, { auth: { token } }).then(
    () => false,
    () => true,
  );

const isRateLimited = (ack: unknown) =>
  (ack as Ack).ok === false && (ack as Extract<Ack, { ok: false }>).error.code === 'RATE_LIMITED';

describe('per-person budgets and the connection cap', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        REST_WRITE_POINTS: String(REST_WRITES),
        REST_WRITE_WINDOW_SECONDS: '60',
        REST_READ_POINTS: String(REST_READS),
        REST_READ_WINDOW_SECONDS: '60',
        WS_RATE_LIMIT_POINTS: String(COMMANDS),
        WS_RATE_LIMIT_WINDOW_MS: '60000',
        WS_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS),
        REST_IN_FLIGHT_PER_PERSON: String(IN_FLIGHT),
      },
    });
  });
  afterAll(async () => server?.dispose());

  const signIn = (email: string) => StaffSession.signIn(server.url, email);
  const colleagueOf = async (session: StaffSession) =>
    (await session.rest.get<StaffMember[]>('/api/staff')).body.find((member) => member.id !== session.userId)!;
  const newThread = (session: StaffSession, colleagueId: string) =>
    session.rest.post('/api/threads', { participantIds: [colleagueId], subject: 'Budget check' });

  it('answers REST writes past the per-person budget with 429 and Retry-After; reads, others and sign-out still work', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const colleague = await colleagueOf(nurse);
    const statuses: number[] = [];
    for (let i = 0; i < REST_WRITES; i++) statuses.push((await newThread(nurse, colleague.id)).status);
    expect(statuses).toEqual(Array(REST_WRITES).fill(201));

    const refused = await fetch(`${server.url}/api/threads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nurse.token}` },
      body: JSON.stringify({ participantIds: [colleague.id] }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.any(String) });

    // The budget is the person's, not the token's: a second sign-in does not refill it.
    const sameNurseAgain = await signIn('nurse@riverside.test');
    expect((await newThread(sameNurseAgain, colleague.id)).status).toBe(429);
    expect((await nurse.rest.get('/api/threads')).status).toBe(200);

    const provider = await signIn('provider@riverside.test');
    expect((await newThread(provider, (await colleagueOf(provider)).id)).status).toBe(201);
    const otherClinic = await signIn('nurse@lakeside.test');
    expect((await newThread(otherClinic, (await colleagueOf(otherClinic)).id)).status).toBe(201);

    expect((await nurse.rest.post<LoginResponse>('/api/auth/refresh')).status).toBe(200);
    expect((await nurse.rest.post('/api/auth/logout')).status).toBe(204);
    expect((await new RestClient(server.url, nurse.token).get('/api/threads')).status).toBe(401);
  });

  it('answers REST reads past the per-person budget with 429 and Retry-After; writes, colleagues and the other clinic still work', async () => {
    // Long lists as fast as one person can ask for them, from two sign-ins at once.
    const frontDesk = await signIn('frontdesk@lakeside.test');
    const sameDeskAgain = await signIn('frontdesk@lakeside.test');
    const reads = await Promise.all(
      Array.from({ length: REST_READS + 4 }, (_, i) =>
        fetch(`${server.url}/api/patients?limit=500`, {
          headers: { authorization: `Bearer ${(i % 2 ? frontDesk : sameDeskAgain).token}` },
        }),
      ),
    );
    const statuses = reads.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(REST_READS);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    const refused = reads.find((response) => response.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.any(String) });

    // The budget is the person's, not the sign-in's.
    expect((await sameDeskAgain.rest.get<StaffMember[]>('/api/staff')).status).toBe(429);
    // Writes have a budget of their own; the health check, colleagues, the other clinic and sign-out carry on.
    const provider = await signIn('provider@lakeside.test');
    expect((await frontDesk.rest.post('/api/threads', { participantIds: [provider.userId] })).status).toBe(201);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    expect((await provider.rest.get('/api/patients?limit=500')).status).toBe(200);
    const otherClinic = await signIn('frontdesk@riverside.test');
    expect((await otherClinic.rest.get('/api/patients?limit=500')).status).toBe(200);
    expect((await frontDesk.rest.post('/api/auth/logout')).status).toBe(204);
    [sameDeskAgain, provider, otherClinic].forEach((session) => session.close());
  });

  it("holds a refusal, with its turn, so asking again at once cannot keep the server busy; the person's refresh and others are not held", async () => {
    const admin = await signIn('admin@riverside.test');
    const otherClinic = await signIn('nurse@lakeside.test');
    const waitingForTurn = async () => sample((await scrape(server.url)).text, 'derm_rest_requests_waiting');
    for (let i = 0; i < REST_READS; i++) expect((await admin.rest.get('/api/threads')).status).toBe(200);

    const refusals = Array.from({ length: IN_FLIGHT + 1 }, () => admin.rest.get('/api/threads'));
    await eventually(
      'four refusals held and the fifth waiting its turn',
      async () => (await waitingForTurn()) === 1,
      5000,
    );
    expect((await admin.rest.post('/api/auth/refresh')).status).toBe(200);
    expect((await otherClinic.rest.get('/api/threads')).status).toBe(200);
    expect(await waitingForTurn()).toBe(1);

    expect((await Promise.all(refusals)).map(({ status }) => status)).toEqual(Array(IN_FLIGHT + 1).fill(429));
    expect(await waitingForTurn()).toBe(0);
    [admin, otherClinic].forEach((session) => session.close());
  });

  it('gives a person one command budget over all their sockets; a colleague keeps theirs', async () => {
    const frontDesk = await signIn('frontdesk@riverside.test');
    const tabs = [await frontDesk.connect(), await frontDesk.connect()];
    // Each tab alone stays within the budget; together they exceed it.
    const perTab = COMMANDS - 2;
    const acks = await Promise.all(
      tabs.flatMap((tab) => Array.from({ length: perTab }, () => tab.command('presence:list', {}))),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(COMMANDS);
    expect(acks.filter(isRateLimited)).toHaveLength(tabs.length * perTab - COMMANDS);
    expect(tabs.every((tab) => tab.connected)).toBe(true);

    const admin = await signIn('admin@riverside.test');
    const neighbour = await admin.connect();
    expect(await neighbour.command('presence:list', {})).toMatchObject({ ok: true });
    frontDesk.close();
    admin.close();
  });

  it('counts unknown command names against the budget, with or without an ack', async () => {
    const frontDesk = await signIn('frontdesk@lakeside.test');
    const socket = await frontDesk.connect();
    const unknown = await Promise.all(Array.from({ length: COMMANDS }, (_, i) => socket.raw(`made:up-${i}`, [{}])));
    expect(unknown).toEqual(
      Array.from({ length: COMMANDS }, (_, i) => ({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: `Unknown command "made:up-${i}"` },
      })),
    );
    expect(isRateLimited(await socket.raw('made:up-again', [{}]))).toBe(true);
    expect(isRateLimited(await socket.command('presence:list', {}))).toBe(true);

    const admin = await signIn('admin@lakeside.test');
    const silent = await admin.connect();
    for (let i = 0; i < COMMANDS; i++) silent.send('made:up');
    expect(isRateLimited(await silent.command('presence:list', {}))).toBe(true);

    const provider = await signIn('provider@lakeside.test');
    const neighbour = await provider.connect();
    expect(await neighbour.command('presence:list', {})).toMatchObject({ ok: true });
    expect(socket.connected && silent.connected).toBe(true);
    [frontDesk, admin, provider].forEach((session) => session.close());
  });

  it('holds a refused command for about a second before its ack, while colleagues are answered at once', async () => {
    const provider = await signIn('provider@riverside.test');
    const nurse = await signIn('nurse@lakeside.test');
    const [socket, otherClinic] = [await provider.connect(), await nurse.connect()];
    const command = (tab: RealtimeTestClient) => tab.command('presence:list', {});
    for (let i = 0; i < COMMANDS; i++) expect((await command(socket)).ok).toBe(true);

    const sent = performance.now();
    let refusedAt: number | undefined;
    const refused = command(socket).then((ack) => ((refusedAt = performance.now()), ack));
    expect(await command(otherClinic)).toMatchObject({ ok: true });
    expect(refusedAt).toBeUndefined();
    expect(isRateLimited(await refused)).toBe(true);
    // A lower bound, which no load can break: the hold is a timer of a second, less a timer's slack.
    expect(refusedAt! - sent).toBeGreaterThanOrEqual(900);
    expect(socket.connected).toBe(true);
    [provider, nurse].forEach((session) => session.close());
  });

  it('answers at once the commands sent past 32 at a time on one socket, so held refusals cannot pile up', async () => {
    const nurse = await signIn('nurse@riverside.test');
    const otherClinic = await signIn('nurse@lakeside.test');
    const [socket, neighbour] = [await nurse.connect(), await otherClinic.connect()];
    const sent = 60;
    const refusedAtOnce = (ack: unknown) =>
      isRateLimited(ack) && /at once/.test((ack as { error: { message: string } }).error.message);
    let capReached!: () => void;
    const firstRefusedAtOnce = new Promise<void>((resolve) => (capReached = resolve));
    const flood = Promise.all(
      Array.from({ length: sent }, () =>
        socket.command('presence:list', {}).then((ack) => {
          if (refusedAtOnce(ack)) capReached();
          return ack;
        }),
      ),
    );
    // The cap is the flooding socket's own: while it is full, another clinic is answered.
    await firstRefusedAtOnce;
    expect(await neighbour.command('presence:list', {})).toMatchObject({ ok: true });
    const acks = await flood;
    expect(acks.filter((ack) => ack.ok)).toHaveLength(COMMANDS);
    expect(acks.filter(isRateLimited)).toHaveLength(sent - COMMANDS);
    // However fast the answered ones finished, at most 32 refusals were held at once.
    const atOnce = acks.filter(refusedAtOnce);
    expect(atOnce.length).toBeGreaterThanOrEqual(sent - COMMANDS - 32);
    expect(socket.connected && neighbour.connected).toBe(true);
    [nurse, otherClinic].forEach((session) => session.close());
  });

  it(`refuses a person's socket past ${MAX_CONNECTIONS} with TOO_MANY_CONNECTIONS, and admits it once one closes`, async () => {
    const provider = await signIn('provider@riverside.test');
    const sockets: RealtimeTestClient[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) sockets.push(await provider.connect());

    const refused = await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: provider.token } });
    expect(refused).toEqual({
      message: 'TOO_MANY_CONNECTIONS',
      data: { code: 'TOO_MANY_CONNECTIONS', message: expect.any(String) },
    });
    const secondSignIn = await signIn('provider@riverside.test');
    expect(
      (await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: secondSignIn.token } })).message,
    ).toBe('TOO_MANY_CONNECTIONS');

    const colleague = await signIn('nurse@riverside.test');
    const colleagueSocket = await colleague.connect();
    expect(colleagueSocket.ready.userId).toBe(colleague.userId);

    sockets[0].close();
    await eventually(
      'a handshake is admitted once one of the three closed',
      () => admitsAnother(server.url, provider.token),
      3000,
    );
    const admitted = await provider.connect();
    expect(admitted.ready.userId).toBe(provider.userId);
    expect((await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: provider.token } })).message).toBe(
      'TOO_MANY_CONNECTIONS',
    );
    provider.close();
    colleague.close();
  });
});
