import {
  ApiServer,
  createTestDatabase,
  RealtimeTestClient,
  RedisServer,
  startApiServer,
  startRedisServer,
  StaffSession,
  TestDatabase,
} from '@derm/shared/test-client';
import { OnlineStaff, ThreadSummary } from '@derm/shared/contracts';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { startTimeout } from './support/cluster';
import { about } from './support/presence-signals';

const MAX_CONNECTIONS = 2;
const onlineIds = async (session: StaffSession) =>
  (await session.rest.get<OnlineStaff[]>('/api/presence/online')).body.map((user) => user.userId);

/**
 * Two deployments on one Redis, told apart by REDIS_KEY_PREFIX only: one on the default prefix,
 * one on a prefix that starts with it. They share one database too, so the same clinics, people
 * and patients exist in both: anything crossing between them would land in rooms of the same name.
 */
describe('two deployments sharing one Redis never see each other', () => {
  let database: TestDatabase;
  let redis: RedisServer;
  let main: ApiServer;
  let staging: ApiServer;
  let frontDeskOnMain: StaffSession;
  let frontDeskOnStaging: StaffSession;
  let watcherOnMain: RealtimeTestClient;
  let watcherOnStaging: RealtimeTestClient;
  /** One schedule for both deployments: they book into the same database. */
  let schedule: ClinicSchedule;

  /** Books as `session` and waits until `socket`, of the same deployment, hears of it. */
  const bookingHeard = async (session: StaffSession, socket: RealtimeTestClient) => {
    const booked = await schedule.request(schedule.slotOn(FUTURE_DAY), {}, session);
    expect(booked.status).toBe(201);
    await socket.waitFor('appointment:created', (e) => e.data.appointment.id === booked.body.id);
    return booked.body;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    redis = await startRedisServer();
    const shared = {
      REDIS_URL: redis.url,
      WS_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS),
      PRESENCE_GRACE_MS: '1000',
    };
    // Other presence timing: a deployment that read the other's settings would refuse to start.
    main = await startApiServer({
      database,
      env: { ...shared, PRESENCE_ENTRY_TTL_MS: '4000', PRESENCE_RENEW_EVERY_MS: '1000' },
    });
    staging = await startApiServer({
      database,
      env: {
        ...shared,
        REDIS_KEY_PREFIX: 'derm:staging:',
        PRESENCE_ENTRY_TTL_MS: '6000',
        PRESENCE_RENEW_EVERY_MS: '2000',
      },
    });
    [frontDeskOnMain, frontDeskOnStaging] = await Promise.all([
      StaffSession.signIn(main.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(staging.url, 'frontdesk@riverside.test'),
    ]);
    watcherOnMain = await frontDeskOnMain.connect();
    watcherOnStaging = await frontDeskOnStaging.connect();
    schedule = await ClinicSchedule.of(frontDeskOnMain);
  }, startTimeout(2));
  afterAll(async () => {
    [frontDeskOnMain, frontDeskOnStaging].forEach((session) => session?.close());
    await Promise.all([main?.stop(), staging?.stop()]);
    await redis?.dispose();
    await database?.drop();
  });

  it('announces and lists a colleague only in the deployment they connected to', async () => {
    const nurse = await StaffSession.signIn(staging.url, 'nurse@riverside.test');
    const nurseSocket = await nurse.connect();
    await watcherOnStaging.waitFor('presence:online', about(nurse.userId));
    expect(await onlineIds(frontDeskOnStaging)).toContain(nurse.userId);

    // A later arrival in the main deployment, heard there after anything that crossed before it.
    const admin = await StaffSession.signIn(main.url, 'admin@riverside.test');
    await admin.connect();
    await watcherOnMain.expectNone('presence:online', about(nurse.userId), {
      after: watcherOnMain.waitFor('presence:online', about(admin.userId)),
    });
    expect(await onlineIds(frontDeskOnMain)).not.toContain(nurse.userId);
    expect(await onlineIds(frontDeskOnStaging)).not.toContain(admin.userId);

    nurseSocket.close();
    admin.close();
    await watcherOnStaging.waitFor('presence:offline', about(nurse.userId), 10_000);
    await watcherOnMain.waitFor('presence:offline', about(admin.userId), 10_000);
    expect(watcherOnMain.received('presence:offline').filter(about(nurse.userId))).toEqual([]);
  });

  it('delivers a booking to the sockets of its own deployment only', async () => {
    const booked = await bookingHeard(frontDeskOnMain, watcherOnMain);
    // Staging's own booking, which its socket hears after anything appended before it.
    await watcherOnStaging.expectNone('appointment:created', (e) => e.data.appointment.id === booked.id, {
      after: bookingHeard(frontDeskOnStaging, watcherOnStaging),
    });
  });

  it('counts a person’s connections per deployment', async () => {
    const provider = await StaffSession.signIn(main.url, 'provider@riverside.test');
    const onMain = await Promise.all([provider.connect(), provider.connect()]);
    const onStaging = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS }, () => RealtimeTestClient.connect(staging.url, provider.token)),
    );
    for (const url of [main.url, staging.url]) {
      expect((await RealtimeTestClient.refusedHandshake(url, { auth: { token: provider.token } })).message).toBe(
        'TOO_MANY_CONNECTIONS',
      );
    }
    [...onMain, ...onStaging].forEach((socket) => socket.close());
  });

  it('shows a typist only to the deployment they type in', async () => {
    const nurse = await StaffSession.signIn(main.url, 'nurse@riverside.test');
    const created = await frontDeskOnMain.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [nurse.userId],
    });
    expect(created.status).toBe(201);
    const threadId = created.body.id;
    const nurseSocket = await nurse.connect();
    expect(await nurseSocket.command('thread:join', { threadId })).toEqual({ ok: true });
    expect(await nurseSocket.command('typing:start', { threadId })).toEqual({ ok: true });

    const readerOnMain = await frontDeskOnMain.connect();
    expect(await readerOnMain.command('thread:join', { threadId })).toEqual({ ok: true });
    await readerOnMain.waitFor('typing', (t) => t.userId === nurse.userId && t.isTyping);
    const readerOnStaging = await frontDeskOnStaging.connect();
    expect(await readerOnStaging.command('thread:join', { threadId })).toEqual({ ok: true });
    await readerOnStaging.expectNone('typing');
    [nurseSocket, readerOnMain, readerOnStaging].forEach((socket) => socket.close());
  });

  it('never restores, in one deployment, a session dropped in the other', async () => {
    const nurse = await StaffSession.signIn(main.url, 'nurse@riverside.test');
    const dropped = await nurse.connect();
    await dropped.roundTrip();
    // A packet through the adapter gives the socket an offset to present.
    await bookingHeard(frontDeskOnMain, dropped);
    const credentials = dropped.recoveryCredentials;
    await dropped.dropTransport();

    const elsewhere = await RealtimeTestClient.connect(staging.url, nurse.token, {
      auth: { token: nurse.token, ...credentials },
    });
    expect(elsewhere.ready.recovered).toBe(false);
    elsewhere.close();
  });
});
