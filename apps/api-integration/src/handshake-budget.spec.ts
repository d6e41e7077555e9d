import { HandshakeErrorData } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startCluster, startTimeout } from './support/cluster';
import { ClinicSchedule } from './support/clinic-schedule';
import { sample, scrape } from './support/metrics';

const HANDSHAKES = 6;

const refusedHandshake = (url: string, token: string) => RealtimeTestClient.refusedHandshake(url, { auth: { token } });

/**
 * A client that reconnects in a loop (a broken tab, a script with a stolen token) makes every
 * clinic's node pay for each handshake; past WS_HANDSHAKE_POINTS per window it is refused with the
 * wait, while the person's open sockets, their colleagues and the other clinic go on as before.
 */
describe.each([
  { nodes: 1, where: 'on one node' },
  { nodes: 2, where: 'counted over both nodes of a deployment' },
])('the per-person handshake budget, $where', ({ nodes }) => {
  let urls: string[];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const env = { WS_HANDSHAKE_POINTS: String(HANDSHAKES), WS_HANDSHAKE_WINDOW_SECONDS: '60' };
    const cluster = nodes === 2 ? await startCluster(2, env) : undefined;
    const server = cluster ? undefined : await startApiServer({ env });
    urls = cluster ? cluster.nodes.map((node) => node.url) : [server!.url];
    stop = () => (cluster ? cluster.dispose() : server!.dispose());
  }, startTimeout(nodes));
  afterAll(async () => stop?.());

  /** The nodes in turn, so that with two each handshake lands on the other one. */
  const node = (i: number) => urls[i % urls.length];

  it('refuses the handshakes past it with RATE_LIMITED and the wait; the open socket, colleagues and the other clinic are untouched', async () => {
    const [nurse, provider, frontDesk, otherNurse] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@riverside.test', 'nurse@lakeside.test'].map(
        (email) => StaffSession.signIn(urls[0], email),
      ),
    );
    const open = await RealtimeTestClient.connect(node(0), nurse.token);
    for (let i = 1; i < HANDSHAKES; i++) (await RealtimeTestClient.connect(node(i), nurse.token)).close();

    const refusals: { message: string; data?: HandshakeErrorData }[] = [];
    for (const url of urls) refusals.push(await refusedHandshake(url, nurse.token));
    for (const refused of refusals) {
      expect(refused).toEqual({
        message: 'RATE_LIMITED',
        data: {
          code: 'RATE_LIMITED',
          message: expect.stringContaining(`${HANDSHAKES}`),
          retryInMs: expect.any(Number),
        },
      });
      expect(refused.data!.retryInMs).toBeGreaterThan(0);
      expect(refused.data!.retryInMs).toBeLessThanOrEqual(60_000);
    }
    // Per person, not per token: signing in again buys no more.
    const again = await StaffSession.signIn(urls[0], 'nurse@riverside.test');
    expect((await refusedHandshake(node(1), again.token)).message).toBe('RATE_LIMITED');

    // Everyone else connects on every node, and the nurse's open socket still hears the clinic.
    const others = [];
    for (const session of [provider, frontDesk, otherNurse]) {
      for (const url of urls) others.push(await RealtimeTestClient.connect(url, session.token));
    }
    const [providerSocket] = others;
    const booked = await (await ClinicSchedule.of(frontDesk)).bookToday();
    const created = (e: { data: { appointment: { id: string } } }) => e.data.appointment.id === booked.id;
    await open.waitFor('appointment:created', created);
    await providerSocket.waitFor('appointment:created', created);
    expect((await open.command('presence:list', {})).ok).toBe(true);
    const lakeside = others.at(-1)!;
    await lakeside.expectNone('appointment:created');

    // Refused and counted for the operator, under the refusal's own name.
    const counted = await Promise.all(
      urls.map(
        async (url) => sample((await scrape(url)).text, 'derm_ws_handshakes_total{outcome="RATE_LIMITED"}') ?? 0,
      ),
    );
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(refusals.length + 1);

    open.close();
    others.forEach((socket) => socket.close());
    [nurse, again, provider, frontDesk, otherNurse].forEach((session) => session.close());
  });
});

describe('the per-person handshake budget, once its window has passed', () => {
  it('admits the person again after the wait it named', async () => {
    const server = await startApiServer({ env: { WS_HANDSHAKE_POINTS: '2', WS_HANDSHAKE_WINDOW_SECONDS: '2' } });
    try {
      const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
      for (let i = 0; i < 2; i++) (await nurse.connect()).close();
      const refused = await refusedHandshake(server.url, nurse.token);
      expect(refused.message).toBe('RATE_LIMITED');
      await eventually(
        'a handshake of the nurse is admitted again',
        () =>
          RealtimeTestClient.connect(server.url, nurse.token).then(
            (socket) => (socket.close(), true),
            () => false,
          ),
        refused.data!.retryInMs! + 3000,
      );
      nurse.close();
    } finally {
      await server.dispose();
    }
  });
});
