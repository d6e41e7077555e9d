import { Ack, StaffMember } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, RestClient, StaffSession } from '@derm/shared/test-client';
import { Cluster, startCluster } from './support/cluster';

const LOCKOUT_SECONDS = 2;
const MAX_CONNECTIONS = 3;
const COMMANDS = 6;
const REST_WRITES = 3;
const ANONYMOUS_REFUSALS = 4;
/** A crashed node's sockets stop counting once their entries lapse (20 s unless renewed). */
const CRASHED_ENTRIES_LAPSE_MS = 30_000;

describe('several nodes share sign-in counters, budgets and the connection cap through Redis', () => {
  let cluster: Cluster;
  let nodeA: string;
  let nodeB: string;

  beforeAll(async () => {
    cluster = await startCluster(2, {
      SIGNIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
      WS_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS),
      // The crashed node's test asks for a handshake every few milliseconds until its entries lapse.
      WS_HANDSHAKE_POINTS: '100000',
      WS_RATE_LIMIT_POINTS: String(COMMANDS),
      WS_RATE_LIMIT_WINDOW_MS: '60000',
      REST_WRITE_POINTS: String(REST_WRITES),
      ANONYMOUS_REFUSAL_POINTS: String(ANONYMOUS_REFUSALS),
      // Only the test of bodies sends X-Forwarded-For, for an address of its own.
      TRUST_PROXY: 'loopback',
    });
    [nodeA, nodeB] = cluster.nodes.map((node) => node.url);
  });
  afterAll(async () => cluster?.dispose());

  const signInOn = (url: string, email: string, password = 'demo-password') =>
    new RestClient(url).post('/api/auth/login', { email, password });

  it('holds on node B a lockout made on node A, until the window ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signInOn(nodeA, 'provider@riverside.test', `wrong-${i}`)).status);
    expect(statuses).toEqual([...Array(9).fill(401), 429]);

    const onB = await fetch(`${nodeB}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'provider@riverside.test', password: 'demo-password' }),
    });
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await signInOn(nodeB, 'provider@lakeside.test')).status).toBe(200);

    await eventually(
      'the owner signs in on node B once the window ends',
      async () => (await signInOn(nodeB, 'provider@riverside.test')).status === 200,
      LOCKOUT_SECONDS * 1000 + 3000,
    );
  });

  it('shares one REST write budget and one command budget per person over both nodes', async () => {
    const onA = await StaffSession.signIn(nodeA, 'frontdesk@riverside.test');
    const colleague = (await onA.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.id !== onA.userId)!;
    const onB = new RestClient(nodeB, onA.token);
    const write = (rest: RestClient) => rest.post('/api/threads', { participantIds: [colleague.id] });
    const statuses = [
      await write(onA.rest),
      await write(onA.rest),
      await write(onB),
      await write(onB),
      await write(onA.rest),
    ];
    expect(statuses.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);

    const tabs = [
      await RealtimeTestClient.connect(nodeA, onA.token),
      await RealtimeTestClient.connect(nodeB, onA.token),
    ];
    const acks = await Promise.all(
      tabs.flatMap((tab) => Array.from({ length: COMMANDS - 2 }, () => tab.command('presence:list', {}))),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(COMMANDS);
    const limited = acks.filter(
      (ack): ack is Extract<Ack, { ok: false }> => !ack.ok && ack.error.code === 'RATE_LIMITED',
    );
    expect(limited).toHaveLength(tabs.length * (COMMANDS - 2) - COMMANDS);
    tabs.forEach((tab) => tab.close());
  });

  it('shares one budget of anonymous refusals (unknown routes, 401s) per address over both nodes', async () => {
    const probe = async (url: string, i: number) => (await fetch(`${url}/api/probe-${i}`)).status;
    const anonymous = async (url: string) => (await fetch(`${url}/api/patients`)).status;
    const statuses = [await probe(nodeA, 0), await anonymous(nodeB), await probe(nodeB, 2), await anonymous(nodeA)];
    expect(statuses).toEqual([404, 401, 404, 401]);
    expect([await anonymous(nodeB), await probe(nodeA, 5)]).toEqual([429, 429]);
  });

  it('shares the budget of malformed bodies per address over both nodes, and past it both refuse bodies unread', async () => {
    const address = '198.51.100.70';
    const post = (url: string, body: string, from = address) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body,
      });
    const notJson = '{"email":';
    const notASignIn = '{}';
    const statuses = [
      await post(nodeA, notJson),
      await post(nodeB, notASignIn),
      await post(nodeA, notASignIn),
      await post(nodeB, notJson),
    ];
    expect(statuses.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    const large = JSON.stringify({ email: 'x'.repeat(50_000) });
    for (const url of [nodeB, nodeA]) {
      const refused = await post(url, large);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/^Too many refused requests/) });
    }
    expect((await post(nodeB, notASignIn)).status).toBe(429);
    // Another address is not refused.
    expect((await post(nodeB, notASignIn, '198.51.100.71')).status).toBe(400);
  });

  it(
    'counts a person’s sockets over both nodes, and stops counting a crashed node’s sockets',
    async () => {
      const nurse = await StaffSession.signIn(nodeA, 'nurse@riverside.test');
      const onA = [await nurse.connect(), await nurse.connect()];
      const onB = await RealtimeTestClient.connect(nodeB, nurse.token);
      for (const url of [nodeA, nodeB]) {
        expect((await RealtimeTestClient.refusedHandshake(url, { auth: { token: nurse.token } })).message).toBe(
          'TOO_MANY_CONNECTIONS',
        );
      }
      const colleague = await RealtimeTestClient.connect(
        nodeB,
        (await StaffSession.signIn(nodeB, 'admin@riverside.test')).token,
      );

      await cluster.nodes[0].stop('SIGKILL');
      await Promise.all(onA.map((socket) => socket.disconnected()));
      // Each socket admitted is kept: a probe closed at once would still count until its node processed
      // the close. The crashed node's entries lapse one by one, each 20 s after its own last renewal.
      const admitted: RealtimeTestClient[] = [];
      await eventually(
        'node B admits as many new sockets as the crashed node held, once its entries lapse',
        async () => {
          const socket = await RealtimeTestClient.connect(nodeB, nurse.token).catch(() => undefined);
          if (socket) admitted.push(socket);
          return admitted.length === onA.length;
        },
        CRASHED_ENTRIES_LAPSE_MS,
      );
      expect((await RealtimeTestClient.refusedHandshake(nodeB, { auth: { token: nurse.token } })).message).toBe(
        'TOO_MANY_CONNECTIONS',
      );
      [onB, colleague, ...admitted].forEach((socket) => socket.close());
    },
    CRASHED_ENTRIES_LAPSE_MS + 15_000,
  );
});
