import { PatientSummary, PatientViewers } from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startCluster, startTimeout } from './support/cluster';
import { FreezableClient, startFreezableClient } from './support/frozen-client';
import { sample, scrape } from './support/metrics';
import { about, viewerIds } from './support/presence-signals';

const GRACE_MS = 1000;
/** The server's own handling and the test's: a timer's slack, a busy machine. */
const SLACK_MS = 1500;

interface Clinicians {
  /** Where the frozen clients connect: the nurses' node, or another node of the same deployment. */
  frozenUrl: string;
  nurse: StaffSession;
  provider: StaffSession;
  frontDesk: StaffSession;
  otherClinic: StaffSession;
  nurseSocket: RealtimeTestClient;
  otherClinicSocket: RealtimeTestClient;
  patient: PatientSummary;
  frozen: FreezableClient[];
  stop(): Promise<void>;
}

/**
 * A Riverside nurse viewing a chart and a Lakeside nurse listening, on one node; with `nodes: 2`,
 * the frozen clients of the test connect to a second node of the deployment.
 */
async function clinicians(env: Record<string, string>, nodes: 1 | 2 = 1): Promise<Clinicians> {
  const nodeEnv = { ...env, PRESENCE_GRACE_MS: String(GRACE_MS) };
  const cluster = nodes === 2 ? await startCluster(2, nodeEnv) : undefined;
  const server = cluster?.nodes[0] ?? (await startApiServer({ env: nodeEnv }));
  const frozenUrl = (cluster?.nodes[1] ?? server).url;
  const [nurse, provider, frontDesk, otherClinic] = await Promise.all(
    ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@riverside.test', 'nurse@lakeside.test'].map(
      (email) => StaffSession.signIn(server.url, email),
    ),
  );
  const nurseSocket = await nurse.connect();
  const otherClinicSocket = await otherClinic.connect();
  const patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
  expect((await nurseSocket.command('patient:view-start', { patientId: patient.id })).ok).toBe(true);
  const world: Clinicians = {
    frozenUrl,
    nurse,
    provider,
    frontDesk,
    otherClinic,
    nurseSocket,
    otherClinicSocket,
    patient,
    frozen: [],
    stop: async () => {
      world.frozen.forEach((client) => client.kill());
      [nurse, provider, frontDesk, otherClinic].forEach((session) => session.close());
      await (cluster ? cluster.dispose() : server.dispose());
    },
  };
  return world;
}

const onlyViewer = (world: Clinicians, userId: string) => (signal: PatientViewers) =>
  signal.patientId === world.patient.id && viewerIds(signal) === userId;

/** The other clinic heard nothing of Riverside's people, their chart or their going. */
async function otherClinicHeardNothing(world: Clinicians, ...userIds: string[]): Promise<void> {
  for (const userId of userIds) {
    await world.otherClinicSocket.expectNone('presence:online', about(userId));
    await world.otherClinicSocket.expectNone('presence:offline', about(userId));
  }
  await world.otherClinicSocket.expectNone('patient:viewers');
}

describe('a client that goes silent (asleep, network lost) without closing its connection, found by the heartbeat', () => {
  const PING_INTERVAL_MS = 1000;
  const PING_TIMEOUT_MS = 1000;
  /** docs/presence.md: the heartbeat drops a silent client within interval + timeout… */
  const DROPPED_WITHIN_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS + SLACK_MS;
  /** …and it goes offline a grace period later. */
  const OFFLINE_WITHIN_MS = DROPPED_WITHIN_MS + GRACE_MS;
  let world: Clinicians;

  beforeAll(async () => {
    world = await clinicians({
      WS_PING_INTERVAL_MS: String(PING_INTERVAL_MS),
      WS_PING_TIMEOUT_MS: String(PING_TIMEOUT_MS),
      // Far off, so that the heartbeat alone is at work here.
      VIEWER_CHECK_EVERY_MS: String(60_000),
    });
  });
  afterAll(() => world?.stop());

  it('is dropped from the chart’s viewers and announced offline within ping interval + timeout (+ grace)', async () => {
    const { nurse, provider, nurseSocket, patient } = world;
    const nurseOnly = onlyViewer(world, nurse.userId);
    // Taken now, so that only a later list without the provider can answer the wait below.
    await nurseSocket.waitFor('patient:viewers', nurseOnly);
    const silent = await startFreezableClient(world.frozenUrl, provider.token, patient.id);
    world.frozen.push(silent);
    const both = [nurse.userId, provider.userId].sort().join();
    await nurseSocket.waitFor('patient:viewers', (signal) => viewerIds(signal) === both);
    await nurseSocket.waitFor('presence:online', about(provider.userId));

    silent.freeze();
    const frozenAt = Date.now();
    await nurseSocket.waitFor('patient:viewers', nurseOnly, DROPPED_WITHIN_MS);
    const droppedAfter = Date.now() - frozenAt;
    const offline = await nurseSocket.waitFor(
      'presence:offline',
      about(provider.userId),
      OFFLINE_WITHIN_MS - droppedAfter,
    );
    expect(offline).toEqual({ userId: provider.userId, lastSeenAt: expect.any(String) });

    await otherClinicHeardNothing(world, provider.userId);
    expect(nurseSocket.connected && world.otherClinicSocket.connected).toBe(true);
  });
});

describe.each([
  ['on the node of those who see the chart', 1],
  ['on another node of the deployment', 2],
] as const)('a chart viewer that goes silent %s, while the heartbeat would take far longer to notice', (_, nodes) => {
  const CHECK_EVERY_MS = 300;
  /** docs/presence.md: a silent viewer is dropped within twice the viewer check… */
  const VIEWER_DROPPED_WITHIN_MS = 2 * CHECK_EVERY_MS + SLACK_MS;
  /** …and goes offline a grace period later. */
  const OFFLINE_WITHIN_MS = VIEWER_DROPPED_WITHIN_MS + GRACE_MS;
  let world: Clinicians;

  beforeAll(async () => {
    world = await clinicians(
      {
        // The heartbeat's first ping is 30 s after connecting: only the viewer check can act sooner.
        WS_PING_INTERVAL_MS: String(30_000),
        WS_PING_TIMEOUT_MS: String(20_000),
        VIEWER_CHECK_EVERY_MS: String(CHECK_EVERY_MS),
      },
      nodes,
    );
  }, startTimeout(nodes));
  afterAll(() => world?.stop());

  const connectedSockets = async (role: string) =>
    sample((await scrape(world.frozenUrl)).text, `derm_ws_connected_sockets{role="${role}",transport="websocket"}`) ??
    0;

  it('leaves the viewers within twice the check and goes offline; a silent non-viewer and a live viewer stay', async () => {
    const { nurse, provider, frontDesk, nurseSocket, patient } = world;
    const nurseOnly = onlyViewer(world, nurse.userId);
    await nurseSocket.waitFor('patient:viewers', nurseOnly);
    const silentViewer = await startFreezableClient(world.frozenUrl, provider.token, patient.id);
    const silentBystander = await startFreezableClient(world.frozenUrl, frontDesk.token);
    world.frozen.push(silentViewer, silentBystander);
    const both = [nurse.userId, provider.userId].sort().join();
    await nurseSocket.waitFor('patient:viewers', (signal) => viewerIds(signal) === both);
    await nurseSocket.waitFor('presence:online', about(provider.userId));
    await nurseSocket.waitFor('presence:online', about(frontDesk.userId));

    silentViewer.freeze();
    silentBystander.freeze();
    const frozenAt = Date.now();
    await nurseSocket.waitFor('patient:viewers', nurseOnly, VIEWER_DROPPED_WITHIN_MS);
    const droppedAfter = Date.now() - frozenAt;
    await nurseSocket.waitFor('presence:offline', about(provider.userId), OFFLINE_WITHIN_MS - droppedAfter);

    // Had the check watched the bystander too, one pass would have closed both: viewing nothing,
    // it is left to the heartbeat.
    expect(await connectedSockets('provider')).toBe(0);
    expect(await connectedSockets('front-desk')).toBe(1);
    await nurseSocket.expectNone('presence:offline', about(frontDesk.userId));
    // The nurse, whose client answers every check, is still the chart's viewer.
    expect((await nurse.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`)).body).toMatchObject({
      viewers: [{ userId: nurse.userId }],
    });

    await otherClinicHeardNothing(world, provider.userId, frontDesk.userId);
    expect(nurseSocket.connected && world.otherClinicSocket.connected).toBe(true);
  });
});
