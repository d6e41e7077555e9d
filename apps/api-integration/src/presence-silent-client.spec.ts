import { PatientSummary, PatientViewers } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { FreezableClient, startFreezableClient } from './support/frozen-client';
import { about, viewerIds } from './support/presence-signals';

const PING_INTERVAL_MS = 1000;
const PING_TIMEOUT_MS = 1000;
const GRACE_MS = 1000;
/** The server's own handling and the test's: a timer's slack, a busy machine. */
const SLACK_MS = 1500;
/** docs/presence.md: a client gone silent is dropped within interval + timeout… */
const DROPPED_WITHIN_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS + SLACK_MS;
/** …and goes offline a grace period later. */
const OFFLINE_WITHIN_MS = DROPPED_WITHIN_MS + GRACE_MS;

describe('a client that goes silent (asleep, network lost) without closing its connection', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let otherClinicSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let silent: FreezableClient | undefined;

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        WS_PING_INTERVAL_MS: String(PING_INTERVAL_MS),
        WS_PING_TIMEOUT_MS: String(PING_TIMEOUT_MS),
        PRESENCE_GRACE_MS: String(GRACE_MS),
      },
    });
    [nurse, provider, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'nurse@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    nurseSocket = await nurse.connect();
    otherClinicSocket = await otherClinic.connect();
    patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    silent?.kill();
    [nurse, provider, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('is dropped from the chart’s viewers and announced offline within ping interval + timeout (+ grace)', async () => {
    expect((await nurseSocket.command('patient:view-start', { patientId: patient.id })).ok).toBe(true);
    const nurseOnly = (signal: PatientViewers) => signal.patientId === patient.id && viewerIds(signal) === nurse.userId;
    // Taken now, so that only a later list without the provider can answer the wait below.
    await nurseSocket.waitFor('patient:viewers', nurseOnly);
    silent = await startFreezableClient(server.url, provider.token, patient.id);
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

    // The other clinic heard nothing of the provider, their chart or their going.
    await otherClinicSocket.expectNone('presence:online', about(provider.userId));
    await otherClinicSocket.expectNone('presence:offline', about(provider.userId));
    await otherClinicSocket.expectNone('patient:viewers');
    expect(nurseSocket.connected && otherClinicSocket.connected).toBe(true);
  });
});
