import Redis from 'ioredis';
import { PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import {
  ApiServer,
  eventually,
  RealtimeTestClient,
  RedisServer,
  StaffSession,
  startApiServer,
  startRedisServer,
} from '@derm/shared/test-client';
import { viewerIds } from './support/presence-signals';
import { startTimeout } from './support/cluster';
import { twoRenewalsOf } from './support/node-renewals';

const RENEW_EVERY_MS = 1000;
const KEY_PREFIX = 'it-failed-view:';
const PRESENCE_KEYS = `${KEY_PREFIX}{presence}:`;

const about = (chart: PatientSummary) => (signal: PatientViewers) => signal.patientId === chart.id;
const lists = (userId: string) => (signal: Pick<PatientViewers, 'viewers'>) =>
  signal.viewers.some((viewer) => viewer.userId === userId);

/*
 * The store fails one socket's view-start by a key of the socket's that is not of the type its
 * script expects (Redis answers WRONGTYPE), put back as it was once the start has failed: either
 * before the script recorded anything, or after it listed the view (a script is not undone by
 * its error, as a start whose reply was lost is done all the same).
 */
describe.each([
  { fails: 'before recording anything', key: (socket: string) => `conn:${socket}` },
  { fails: 'after listing the view', key: (socket: string) => `viewing:${socket}` },
])('Redis presence: a chart view whose recording fails $fails', ({ key }) => {
  let redisServer: RedisServer;
  let server: ApiServer;
  let redis: Redis;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let watcher: RealtimeTestClient;
  let otherClinicTab: RealtimeTestClient;
  let patient: PatientSummary;
  let foreignPatient: PatientSummary;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    server = await startApiServer({
      env: {
        REDIS_URL: redisServer.url,
        REDIS_KEY_PREFIX: KEY_PREFIX,
        PRESENCE_GRACE_MS: '1000',
        PRESENCE_ENTRY_TTL_MS: String(4 * RENEW_EVERY_MS),
        PRESENCE_RENEW_EVERY_MS: String(RENEW_EVERY_MS),
      },
    });
    redis = new Redis(redisServer.url);
    [frontDesk, nurse, admin, otherAdmin] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    patient = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body[0];
    foreignPatient = (await otherAdmin.rest.get<PatientSummary[]>('/api/patients')).body[0];
    watcher = await frontDesk.connect();
    expect(await watcher.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    otherClinicTab = await otherAdmin.connect();
    expect(await otherClinicTab.command('patient:view-start', { patientId: foreignPatient.id })).toMatchObject({
      ok: true,
    });
  }, startTimeout(1));
  afterAll(async () => {
    [frontDesk, nurse, admin, otherAdmin].forEach((session) => session?.close());
    redis?.disconnect();
    await server?.dispose();
    await redisServer?.dispose();
  });

  const viewsOf = async (user: StaffSession, chart = patient, reader = admin) =>
    (
      await reader.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${chart.id}&userId=${user.userId}`,
      )
    ).body;

  /** `<tenant>|<socket>` of the user's only socket, and the node holding it. */
  const recordedSocketOf = async (user: StaffSession) => {
    let found: { member: string; node: string } | undefined;
    await eventually(
      "the user's socket is recorded",
      async () => {
        for (const connKey of await redis.keys(`${PRESENCE_KEYS}conn:*`)) {
          const [owner, node] = await redis.hmget(connKey, 'user', 'node');
          if (owner === user.userId && node) found = { member: connKey.slice(`${PRESENCE_KEYS}conn:`.length), node };
        }
        return found !== undefined;
      },
      RENEW_EVERY_MS,
    );
    return found as { member: string; node: string };
  };

  it('is refused, forgotten by its node, out of the room and ended in the audit; other views go on', async () => {
    const nurseTab = await nurse.connect();
    const { member, node } = await recordedSocketOf(nurse);

    const broken = `${PRESENCE_KEYS}${key(member)}`;
    const saved = await redis.dump(broken);
    await redis.set(broken, 'not what the script expects');
    const ack = await nurseTab.command('patient:view-start', { patientId: patient.id });
    const putBack = redis.multi().del(broken);
    if (saved) putBack.restore(broken, 0, saved);
    await putBack.exec();

    // The node renews: a view it remembered would be put back and announced.
    await twoRenewalsOf(redis, PRESENCE_KEYS, node, RENEW_EVERY_MS);
    const adminTab = await admin.connect();
    expect(await adminTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    const told = await watcher.waitFor('patient:viewers', lists(admin.userId));
    const listed = (await frontDesk.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`)).body;

    expect({
      ack,
      told: viewerIds(told),
      listed: viewerIds(listed),
      everTold: watcher.received('patient:viewers').filter(lists(nurse.userId)),
      nurseViewsEnded: (await viewsOf(nurse)).map((view) => view.endedAt !== undefined),
    }).toEqual({
      ack: {
        ok: false,
        error: { code: 'VIEW_NOT_RECORDED', message: 'This chart view could not be recorded; open the chart again' },
      },
      told: [frontDesk.userId, admin.userId].sort().join(),
      listed: [frontDesk.userId, admin.userId].sort().join(),
      everTold: [],
      nurseViewsEnded: [true],
    });
    // Her tab left the patient's room: it heard nothing of the admin opening the chart.
    await nurseTab.expectNone('patient:viewers', about(patient));

    // The other views' rows stay open; the other clinic's view is listed, and hears nothing of this chart.
    expect((await viewsOf(frontDesk)).map((view) => view.endedAt)).toEqual([undefined]);
    expect((await viewsOf(admin)).map((view) => view.endedAt)).toEqual([undefined]);
    expect((await viewsOf(otherAdmin, foreignPatient, otherAdmin)).map((view) => view.endedAt)).toEqual([undefined]);
    const foreignListed = (await otherAdmin.rest.get<PatientViewers>(`/api/patients/${foreignPatient.id}/viewers`))
      .body;
    expect(viewerIds(foreignListed)).toBe(otherAdmin.userId);
    expect(
      await otherAdmin.rest.get(`/api/audit/patient-views?patientId=${patient.id}&userId=${nurse.userId}`),
    ).toMatchObject({ status: 404, body: { message: `Patient ${patient.id} not found` } });
    const theirs = (await otherAdmin.rest.get<PatientViewAuditEntry[]>('/api/audit/patient-views')).body;
    expect(theirs.filter((view) => view.userId === nurse.userId)).toEqual([]);
    await otherClinicTab.expectNone('patient:viewers', about(patient));

    // Opening the chart again is a view like any other.
    expect(await nurseTab.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    await watcher.waitFor('patient:viewers', lists(nurse.userId));
    const [opened, refused] = await viewsOf(nurse);
    expect({ opened: opened.endedAt, refused: refused.endedAt !== undefined }).toEqual({
      opened: undefined,
      refused: true,
    });
  }, 30_000);
});
