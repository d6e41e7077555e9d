import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { OnlineStaff } from '@derm/shared/contracts';
import {
  ApiServer,
  eventually,
  RealtimeTestClient,
  RedisServer,
  StaffSession,
  startApiServer,
  startRedisServer,
} from '@derm/shared/test-client';
import { AnswerDroppingProxy, startAnswerDroppingProxy } from './support/answer-dropping-proxy';
import { about } from './support/presence-signals';
import { startTimeout } from './support/cluster';
import { twoRenewalsOf } from './support/node-renewals';

const RENEW_EVERY_MS = 1000;
const KEY_PREFIX = 'it-failed-connect:';
const PRESENCE_KEYS = `${KEY_PREFIX}{presence}:`;

/** The node's environment, reaching Redis at `redisUrl`, renewing every second. */
const nodeEnv = (redisUrl: string) => ({
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: KEY_PREFIX,
  PRESENCE_GRACE_MS: '1000',
  PRESENCE_ENTRY_TTL_MS: String(4 * RENEW_EVERY_MS),
  PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
});

/*
 * Redis refuses every write while its memory is over its limit (an OOM answer), as a Redis
 * away from the node would fail them: the nurse's first socket connects then, so recording it
 * fails before recording anything, and the node only logs it. Reads and pub/sub go on.
 */
describe('Redis presence: a connection whose recording failed', () => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'derm-failed-connect-')), 'api.log');
  let redisServer: RedisServer;
  let server: ApiServer;
  let redis: Redis;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let watcher: RealtimeTestClient;
  let otherClinicTab: RealtimeTestClient;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    server = await startApiServer({
      logFile,
      env: nodeEnv(redisServer.url),
    });
    redis = new Redis(redisServer.url);
    [frontDesk, nurse, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    watcher = await frontDesk.connect();
    otherClinicTab = await otherClinic.connect();
  }, startTimeout(1));
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((session) => session?.close());
    await redis?.config('SET', 'maxmemory', '0');
    redis?.disconnect();
    await server?.dispose();
    await redisServer?.dispose();
  });

  const connectFailures = () => readFileSync(logFile, 'utf8').split('Presence connect failed').length - 1;
  const onlineIds = async (session: StaffSession) =>
    (await session.rest.get<OnlineStaff[]>('/api/presence/online')).body.map((user) => user.userId);

  it("is announced to the user's clinic once, by the renewal that records it, and to no other clinic", async () => {
    const failuresBefore = connectFailures();
    await redis.config('SET', 'maxmemory', '1');
    const nurseTab = await nurse.connect();
    await eventually('recording the connection fails', async () => connectFailures() > failuresBefore, 3000);
    // A renewal may record her already: its first write frees memory, so Redis lets it through.
    await redis.config('SET', 'maxmemory', '0');

    // The node still holds the socket: its next renewal records it and tells the clinic.
    const told = await watcher.waitFor('presence:online', about(nurse.userId), 3 * RENEW_EVERY_MS);
    expect(told).toEqual({ userId: nurse.userId, name: expect.any(String), role: 'nurse' });
    await nurseTab.waitFor('presence:online', about(nurse.userId));
    expect(await onlineIds(frontDesk)).toContain(nurse.userId);

    // Later renewals tell nobody again; the other clinic heard nothing and does not list her.
    const [node] = await redis.zrange(`${PRESENCE_KEYS}nodes`, 0, 0);
    await twoRenewalsOf(redis, PRESENCE_KEYS, node, RENEW_EVERY_MS);
    await watcher.expectNone('presence:online', about(nurse.userId));
    expect(watcher.received('presence:online').filter(about(nurse.userId))).toHaveLength(1);
    await otherClinicTab.expectNone('presence:online', about(nurse.userId));
    expect(await onlineIds(otherClinic)).not.toContain(nurse.userId);

    // The socket is recorded as any other: its close is announced after the grace.
    nurseTab.close();
    await watcher.waitFor('presence:offline', about(nurse.userId), 3000);
    await otherClinicTab.expectNone('presence:offline', about(nurse.userId));
  }, 30_000);
});

/*
 * The node reaches Redis through a link that fails just after the provider's socket is recorded,
 * before the answer is back: the Redis client resends the recording once it has reconnected, and
 * that run finds her online already.
 */
describe('Redis presence: a connection whose recording answer was lost', () => {
  let redisServer: RedisServer;
  let link: AnswerDroppingProxy;
  let server: ApiServer;
  let redis: Redis;
  let frontDesk: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    link = await startAnswerDroppingProxy(redisServer.port);
    server = await startApiServer({
      env: nodeEnv(link.url.replace('http:', 'redis:')),
    });
    redis = new Redis(redisServer.url);
    [frontDesk, provider, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'provider@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
  }, startTimeout(1));
  afterAll(async () => {
    [frontDesk, provider, otherClinic].forEach((session) => session?.close());
    redis?.disconnect();
    await server?.dispose();
    await link?.close();
    await redisServer?.dispose();
  });

  it('is announced to the clinic once, when the resent recording answers, and to no other clinic', async () => {
    const watcher = await frontDesk.connect();
    const otherClinicTab = await otherClinic.connect();
    link.dropAnswersAfter((request) => request.includes(provider.userId) && request.includes('"connectedAt"'));
    const connecting = provider.connect();
    await eventually(
      'the provider is recorded online',
      async () => (await redis.hexists(`${PRESENCE_KEYS}online:${provider.tenantId}`, provider.userId)) === 1,
      3000,
    );
    link.dropAnswers(false);
    link.cut();
    const providerTab = await connecting;

    const told = await watcher.waitFor('presence:online', about(provider.userId), 3 * RENEW_EVERY_MS);
    expect(told).toEqual({ userId: provider.userId, name: expect.any(String), role: 'provider' });
    await providerTab.waitFor('presence:online', about(provider.userId));
    const [node] = await redis.zrange(`${PRESENCE_KEYS}nodes`, 0, 0);
    await twoRenewalsOf(redis, PRESENCE_KEYS, node, RENEW_EVERY_MS);
    await watcher.expectNone('presence:online', about(provider.userId));
    expect(watcher.received('presence:online').filter(about(provider.userId))).toHaveLength(1);
    await otherClinicTab.expectNone('presence:online', about(provider.userId));
    expect((await otherClinic.rest.get<OnlineStaff[]>('/api/presence/online')).body).toEqual([
      expect.objectContaining({ userId: otherClinic.userId }),
    ]);
  }, 30_000);
});
