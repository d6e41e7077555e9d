import { HandshakeAuth, OnlineStaff, PresenceChanged } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule } from './support/clinic-schedule';

const GRACE_MS = 1500;

const batched = (session: StaffSession): Promise<RealtimeTestClient> =>
  session.connect({ auth: { token: session.token, presence: 'batched' } satisfies HandshakeAuth });
const cameOnline = (userId: string) => (changed: PresenceChanged) =>
  changed.online.some((person) => person.userId === userId);
const wentOffline = (userId: string) => (changed: PresenceChanged) =>
  changed.offline.some((person) => person.userId === userId);
const mentions = (userIds: Set<string>) => (changed: PresenceChanged) =>
  [...changed.online, ...changed.offline].some((person) => userIds.has(person.userId));

describe('presence, batched: one presence:changed for many people, for sockets that ask for it', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakesideFrontDesk: StaffSession;
  let lakesideNurse: StaffSession;
  let batchedTab: RealtimeTestClient;
  let eachTab: RealtimeTestClient;
  let lakesideTab: RealtimeTestClient;

  beforeAll(async () => {
    server = await startApiServer({ env: { PRESENCE_GRACE_MS: String(GRACE_MS) } });
    [frontDesk, nurse, provider, lakesideFrontDesk, lakesideNurse] = await Promise.all(
      [
        'frontdesk@riverside.test',
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@lakeside.test',
        'nurse@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    // One person, two tabs: one batched, one with a signal per person (the default).
    batchedTab = await batched(frontDesk);
    eachTab = await frontDesk.connect();
    lakesideTab = await batched(lakesideFrontDesk);
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, lakesideFrontDesk, lakesideNurse].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('tells a batched socket who came online, with name and role, and never one signal per person', async () => {
    await Promise.all([nurse.connect(), provider.connect()]);

    // Both may come in one packet, so every packet received is read.
    const announced = () => batchedTab.received('presence:changed').flatMap((changed) => changed.online);
    const announcedIds = () => announced().map((person) => person.userId);
    await eventually(
      'both colleagues announced',
      async () => announcedIds().includes(nurse.userId) && announcedIds().includes(provider.userId),
      3000,
    );
    const colleagues = announced().filter((person) => person.userId !== frontDesk.userId);
    // Each once: a person is in one packet in their latest state.
    expect(colleagues).toHaveLength(2);
    expect(colleagues).toEqual(
      expect.arrayContaining([
        { userId: nurse.userId, name: 'Nora Quinn', role: 'nurse' },
        { userId: provider.userId, name: 'Dr. Ana Ortiz', role: 'provider' },
      ]),
    );
    await batchedTab.expectNone('presence:online');

    // The other tab of the same person keeps the per-person signals, and no batch.
    await eachTab.waitFor('presence:online', (online) => online.userId === nurse.userId);
    await eachTab.waitFor('presence:online', (online) => online.userId === provider.userId);
    await eachTab.expectNone('presence:changed');
  });

  it('tells a batched socket who went offline once the grace period is over', async () => {
    nurse.close();
    const changed = await batchedTab.waitFor('presence:changed', wentOffline(nurse.userId), GRACE_MS + 3000);
    expect(changed.offline.find((person) => person.userId === nurse.userId)).toEqual({
      userId: nurse.userId,
      lastSeenAt: expect.any(String),
    });
    expect(changed.online.map((person) => person.userId)).not.toContain(nurse.userId);
    await eachTab.waitFor('presence:offline', (offline) => offline.userId === nurse.userId, GRACE_MS + 3000);
  });

  it('keeps each clinic’s batches to itself', async () => {
    const riverside = new Set([frontDesk.userId, nurse.userId, provider.userId]);
    await lakesideTab.expectNone('presence:changed', mentions(riverside));

    await lakesideNurse.connect();
    await lakesideTab.waitFor('presence:changed', cameOnline(lakesideNurse.userId));
    await batchedTab.expectNone(
      'presence:changed',
      mentions(new Set([lakesideNurse.userId, lakesideFrontDesk.userId])),
    );
    await eachTab.expectNone('presence:online', (online) => online.userId === lakesideNurse.userId);
  });

  it('sends a tab that connects while colleagues sign in only what came after it: its list and its batches add up to who is online', async () => {
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    try {
      // Two colleagues at once: the first opens a window, the second is gathered in it.
      const signingIn = new Set([nurse.userId, admin.userId]);
      await Promise.all([nurse.connect(), admin.connect()]);
      // Both are announced to the other tab one by one, so both are gathered before the newcomer joins.
      await eventually(
        'both announced one by one',
        async () =>
          [...signingIn].every((userId) =>
            eachTab.received('presence:online').some((online) => online.userId === userId),
          ),
        3000,
      );
      const newcomer = await batched(frontDesk);
      const listed = await newcomer.command('presence:list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      expect(listed.online.map((person) => person.userId)).toEqual(expect.arrayContaining([...signingIn]));

      // The tab that was there before hears both once the window closes; the newcomer hears neither.
      const announcedToEarlierTab = () =>
        batchedTab.received('presence:changed').flatMap((changed) => changed.online.map((person) => person.userId));
      await eventually(
        'the window closed for the earlier tab',
        async () => [...signingIn].every((userId) => announcedToEarlierTab().includes(userId)),
        3000,
      );
      await newcomer.expectNone('presence:changed', mentions(signingIn));

      // What the newcomer holds is who is online.
      let online = new Set(listed.online.map((person) => person.userId));
      for (const changed of newcomer.received('presence:changed')) {
        online = new Set([...online, ...changed.online.map((person) => person.userId)]);
        changed.offline.forEach((person) => online.delete(person.userId));
      }
      const truth = await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online');
      expect([...online].sort()).toEqual(truth.body.map((person) => person.userId).sort());
      await lakesideTab.expectNone('presence:changed', mentions(signingIn));
    } finally {
      admin.close();
    }
  });

  it('starts a dropped tab afresh when it comes back asking for presence the other way, so it hears it one way only', async () => {
    const admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
    // The test before left the admin online for the grace period: she comes online again below.
    await eventually(
      'the admin is offline',
      async () =>
        !(await frontDesk.rest.get<OnlineStaff[]>('/api/presence/online')).body.some(
          (person) => person.userId === admin.userId,
        ),
      GRACE_MS + 3000,
    );
    const [eachWay, batchedWay] = [await frontDesk.connect(), await batched(frontDesk)];
    // A broadcast, so that each holds an offset to recover from.
    const booked = await (await ClinicSchedule.of(frontDesk)).bookToday();
    for (const tab of [eachWay, batchedWay]) {
      await tab.waitFor('appointment:created', (e) => e.data.appointment.id === booked.id);
    }
    const [eachCredentials, batchedCredentials] = [eachWay.recoveryCredentials, batchedWay.recoveryCredentials];
    await Promise.all([eachWay.dropTransport(), batchedWay.dropTransport()]);

    const turned = await RealtimeTestClient.connect(server.url, frontDesk.token, {
      auth: { token: frontDesk.token, presence: 'batched', ...eachCredentials },
    });
    const same = await RealtimeTestClient.connect(server.url, frontDesk.token, {
      auth: { token: frontDesk.token, presence: 'batched', ...batchedCredentials },
    });
    expect(turned.ready.recovered).toBe(false);
    expect(same.ready.recovered).toBe(true);

    await admin.connect();
    await turned.waitFor('presence:changed', cameOnline(admin.userId));
    await same.waitFor('presence:changed', cameOnline(admin.userId));
    for (const tab of [turned, same])
      await tab.expectNone('presence:online', (online) => online.userId === admin.userId);
    await lakesideTab.expectNone('presence:changed', cameOnline(admin.userId));
    [turned, same].forEach((tab) => tab.close());
    admin.close();
  });
});
