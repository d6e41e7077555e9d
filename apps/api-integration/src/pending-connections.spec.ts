import type { Socket as EngineSocket } from 'engine.io-client';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import {
  closePolling,
  closeWebsocket,
  pollClosedSession,
  pollingHandshake,
  refusedUpgrade,
  websocketConnection,
} from './support/engine-connections';
import { sample, scrape } from './support/metrics';

/** The defaults: WS_PENDING_CONNECTIONS_PER_ADDRESS and WS_CONNECT_TIMEOUT_MS. */
const CAP = 64;
const CONNECT_TIMEOUT_MS = 10_000;
/** Each test's script comes from an address of its own. */
const SCRIPT = '203.0.113.10';
const LINGERING_SCRIPT = '203.0.113.11';
const ELSEWHERE = '198.51.100.60';
const CLINIC_NAT = '198.51.100.61';
const REFUSAL = /too many connections from this address/i;
const REFUSED_SERIES = 'derm_ws_handshakes_total{outcome="TOO_MANY_PENDING_CONNECTIONS"}';

describe('Connections not signed in, per client address', () => {
  let server: ApiServer;
  let riversideAdmin: StaffSession;
  let lakesideAdmin: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({
      // The storm below: more sockets from one person than the production default of 10.
      env: { TRUST_PROXY: 'loopback', WS_MAX_CONNECTIONS_PER_USER: '50' },
    });
    riversideAdmin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    lakesideAdmin = await StaffSession.signIn(server.url, 'admin@lakeside.test');
  });
  afterAll(async () => {
    riversideAdmin?.close();
    lakesideAdmin?.close();
    await server?.dispose();
  });

  const refusedSoFar = async () => sample((await scrape(server.url)).text, REFUSED_SERIES) ?? 0;
  const connectFrom = (session: StaffSession, address: string) =>
    session.connect({ extraHeaders: { 'x-forwarded-for': address } });
  /** Whether a signed-in socket from `address` is admitted now (closed again at once). */
  const admitsSignedIn = async (session: StaffSession, address: string) => {
    try {
      (await connectFrom(session, address)).close();
      return true;
    } catch {
      return false;
    }
  };
  /** An announcement of one clinic reaches its sockets, and none of the other clinic's. */
  const announce = async (admin: StaffSession, title: string) => {
    const response = await admin.rest.post('/api/announcements', { title, body: 'Room 2 at noon.' });
    expect(response.status).toBe(201);
  };
  const hears = (socket: RealtimeTestClient, title: string) =>
    socket.waitFor('notification:new', (n) => n.data.notification.title === title);

  it('refuses an address past its connections that never signed in, with a clear error, and no other clinic, address or signed-in socket is held up', async () => {
    const refusedBefore = await refusedSoFar();
    // Half over WebSocket, half of those sending a CONNECT the server refuses (no token): all wait to sign in.
    const websockets: EngineSocket[] = await Promise.all(
      Array.from({ length: CAP / 2 }, (_, i) => websocketConnection(server.url, SCRIPT, { connect: i % 2 === 0 })),
    );
    // The other half over polling, sent at once with more than there is room for.
    const polls = await Promise.all(Array.from({ length: CAP / 2 + 10 }, () => pollingHandshake(server.url, SCRIPT)));
    const opened = polls.filter((poll) => poll.status === 200);
    expect(opened).toHaveLength(CAP / 2);
    const refused = polls.filter((poll) => poll.status !== 200);
    expect(refused).toHaveLength(10);
    for (const poll of refused) {
      expect(poll.status).toBe(403);
      expect(JSON.parse(poll.body)).toEqual({ code: 4, message: expect.stringMatching(REFUSAL) });
    }
    // A WebSocket upgrade is refused as Engine.IO refuses one: 400, with the same message.
    const upgrade = await refusedUpgrade(server.url, SCRIPT);
    expect(upgrade).toEqual({ status: 400, body: expect.stringMatching(REFUSAL) });
    await expect(websocketConnection(server.url, SCRIPT)).rejects.toThrow();
    expect((await refusedSoFar()) - refusedBefore).toBe(12);

    // Staff of another clinic, and of any clinic, from another address connect and hear their own clinic only.
    const lakesideNurse = await StaffSession.signIn(server.url, 'nurse@lakeside.test');
    const riversideNurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const lakesideSocket = await connectFrom(lakesideNurse, ELSEWHERE);
    const riversideSocket = await connectFrom(riversideNurse, ELSEWHERE);
    await announce(lakesideAdmin, 'Lakeside closes early');
    await hears(lakesideSocket, 'Lakeside closes early');
    await announce(riversideAdmin, 'Riverside meeting');
    await hears(riversideSocket, 'Riverside meeting');
    await riversideSocket.expectNone('notification:new', (n) => n.data.notification.title === 'Lakeside closes early');
    await lakesideSocket.expectNone('notification:new', (n) => n.data.notification.title === 'Riverside meeting');
    // REST from the same address is not held up either.
    expect((await riversideNurse.rest.get('/api/patients')).status).toBe(200);
    // Behind the script's own address, the next connection waits for the script's to end, signed in or not.
    await expect(connectFrom(riversideNurse, SCRIPT)).rejects.toThrow();

    // Once the script's connections close, the address connects again, and hears its clinic.
    await Promise.all([
      ...websockets.map(closeWebsocket),
      ...opened.map((poll) => closePolling(server.url, poll.sid ?? '', SCRIPT)),
    ]);
    await eventually('the address is admitted again', () => admitsSignedIn(riversideNurse, SCRIPT), 5000);
    const behindScript = await connectFrom(riversideNurse, SCRIPT);
    await announce(riversideAdmin, 'Riverside after the script');
    await hears(behindScript, 'Riverside after the script');
    await lakesideSocket.expectNone(
      'notification:new',
      (n) => n.data.notification.title === 'Riverside after the script',
    );
    lakesideNurse.close();
    riversideNurse.close();
  });

  it('closes a connection that never sends CONNECT after the connect timeout, which frees its place for the address', async () => {
    const polls = await Promise.all(Array.from({ length: CAP }, () => pollingHandshake(server.url, LINGERING_SCRIPT)));
    expect(polls.map((poll) => poll.status)).toEqual(Array(CAP).fill(200));
    const provider = await StaffSession.signIn(server.url, 'provider@riverside.test');
    expect((await pollingHandshake(server.url, LINGERING_SCRIPT)).status).toBe(403);
    await expect(connectFrom(provider, LINGERING_SCRIPT)).rejects.toThrow();

    // Nobody closes them: the server does, within the connect timeout (not Socket.IO's default 45 s,
    // nor the 30 s more a polling session otherwise waits for its client's next request).
    await eventually(
      'the address is admitted again',
      () => admitsSignedIn(provider, LINGERING_SCRIPT),
      CONNECT_TIMEOUT_MS + 5000,
    );
    for (const poll of polls) {
      expect(await pollClosedSession(server.url, poll.sid ?? '', LINGERING_SCRIPT)).toEqual({
        status: 400,
        body: JSON.stringify({ code: 1, message: 'Session ID unknown' }),
      });
    }
    const socket = await connectFrom(provider, LINGERING_SCRIPT);
    await announce(riversideAdmin, 'After the lingering script');
    await hears(socket, 'After the lingering script');
    provider.close();
  });

  it('never refuses a clinic behind one address connecting all its tabs at once', async () => {
    const refusedBefore = await refusedSoFar();
    const staff = await Promise.all(
      ['provider', 'nurse', 'frontdesk', 'admin'].map((role) =>
        StaffSession.signIn(server.url, `${role}@riverside.test`),
      ),
    );
    const tabs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        // As the portal connects (WebSocket only), and half as other clients do, polling first.
        staff[i % staff.length].connect({
          extraHeaders: { 'x-forwarded-for': CLINIC_NAT },
          transports: i % 2 === 0 ? ['websocket'] : ['polling', 'websocket'],
        }),
      ),
    );
    expect(tabs.filter((tab) => tab.connected)).toHaveLength(50);
    expect((await refusedSoFar()) - refusedBefore).toBe(0);
    await announce(riversideAdmin, 'Everyone after the deploy');
    await Promise.all(tabs.map((tab) => hears(tab, 'Everyone after the deploy')));
    staff.forEach((session) => session.close());
  });
});
