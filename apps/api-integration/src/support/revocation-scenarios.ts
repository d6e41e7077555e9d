import { AppointmentSummary, PatientSummary, SessionExpired, StaffAccount, StaffRole } from '@derm/shared/contracts';
import { eventually, RealtimeTestClient, RestClient, StaffSession } from '@derm/shared/test-client';

/** What the product promises: a sign-out or an account change applies within 1 s, on every node. */
export const REVOCATION_DEADLINE_MS = 1000;

const revoked = (socket: RealtimeTestClient): Promise<SessionExpired> =>
  socket.waitFor('session:expired', (e) => e.reason === 'REVOKED', REVOCATION_DEADLINE_MS);

/** Waits, within the deadline, until `path` answers `status` for this token on this node. */
const answers = (url: string, token: string, path: string, status: number) =>
  eventually(
    `${path} answers ${status}`,
    async () => (await new RestClient(url, token).get(path)).status === status,
    REVOCATION_DEADLINE_MS,
  );

/** Handshakes of one session started this far apart, the revocation sent while they are in flight. */
const RACING_HANDSHAKES = 6;
const HANDSHAKE_SPACING_MS = 8;
const REVOCATION_AFTER_MS = 25;
const RACE_ROUNDS = 5;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens sockets of `token` a few milliseconds apart and makes `revoke` while their handshakes are
 * in flight. Each is refused (`REVOKED`), ended as it connects (`session:expired` `REVOKED` before
 * `session:ready`: its verdict predated the revocation) or admitted; the admitted ones are
 * returned with when the revocation was answered.
 */
async function handshakesRacing(
  url: string,
  token: string,
  revoke: () => Promise<void>,
): Promise<{ admitted: RealtimeTestClient[]; answeredAt: number }> {
  const handshakes = Array.from({ length: RACING_HANDSHAKES }, async (_, i) => {
    await pause(i * HANDSHAKE_SPACING_MS);
    try {
      return await RealtimeTestClient.connect(url, token);
    } catch (error) {
      expect(['connect_error: REVOKED', 'session:expired: REVOKED']).toContain((error as Error).message);
      return undefined;
    }
  });
  await pause(REVOCATION_AFTER_MS);
  await revoke();
  const answeredAt = Date.now();
  const admitted = (await Promise.all(handshakes)).filter((socket): socket is RealtimeTestClient => !!socket);
  return { admitted, answeredAt };
}

/** Within 1 s of the revocation's answer, the socket was told `session:expired` (`REVOKED`) and closed. */
async function endedInTime(socket: RealtimeTestClient, answeredAt: number): Promise<void> {
  const deadline = answeredAt + REVOCATION_DEADLINE_MS;
  await socket.waitFor('session:expired', (e) => e.reason === 'REVOKED', Math.max(deadline - Date.now(), 1));
  await eventually('the server closed the socket', async () => !socket.connected, Math.max(deadline - Date.now(), 0));
}

/**
 * Sign-out, deactivation and role changes. Each is made through `actionUrl` and observed on
 * `observerUrl`: the same node, or the other node of a cluster.
 */
export function describeRevocation(topology: () => { actionUrl: string; observerUrl: string }): void {
  const signIn = (email: string) => StaffSession.signIn(topology().actionUrl, email);
  const connectOnObserver = (session: StaffSession) =>
    RealtimeTestClient.connect(topology().observerUrl, session.token);
  const refusal = async (token: string) =>
    (await RealtimeTestClient.refusedHandshake(topology().observerUrl, { auth: { token } })).message;

  it('sign-out ends that session everywhere, within 1 s, and leaves the same person’s other sessions alone', async () => {
    const [tablet, desktop] = [await signIn('nurse@riverside.test'), await signIn('nurse@riverside.test')];
    const tabletSocket = await connectOnObserver(tablet);
    const desktopSocket = await connectOnObserver(desktop);

    expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);
    await revoked(tabletSocket);
    await tabletSocket.disconnected();
    await answers(topology().observerUrl, tablet.token, '/api/threads', 401);
    expect(await refusal(tablet.token)).toBe('REVOKED');
    expect((await tablet.rest.post('/api/auth/refresh')).status).toBe(401);

    const stillLive = await desktopSocket.command('presence:list', {});
    expect(stillLive.ok).toBe(true);
    expect((await new RestClient(topology().observerUrl, desktop.token).get('/api/threads')).status).toBe(200);
    desktopSocket.close();
  });

  it('deactivation ends every session of that person within 1 s and stops sign-in; reactivation does not revive them', async () => {
    const admin = await signIn('admin@riverside.test');
    const provider = await signIn('provider@riverside.test');
    const socket = await connectOnObserver(provider);

    const deactivated = await admin.rest.patch<StaffAccount>(`/api/staff/${provider.userId}`, { active: false });
    expect(deactivated).toMatchObject({ status: 200, body: { id: provider.userId, active: false } });
    await revoked(socket);
    await answers(topology().observerUrl, provider.token, '/api/patients', 401);
    expect(await refusal(provider.token)).toBe('REVOKED');
    await expect(signIn('provider@riverside.test')).rejects.toThrow(/401/);

    expect((await admin.rest.patch(`/api/staff/${provider.userId}`, { active: true })).status).toBe(200);
    const again = await signIn('provider@riverside.test');
    expect((await again.rest.get('/api/patients')).status).toBe(200);
    await answers(topology().observerUrl, provider.token, '/api/patients', 401);
  });

  it('the whole clinic hears a deactivation and a reactivation on every node; another clinic hears neither', async () => {
    const [admin, colleague, desk, otherAdmin, stranger, strangerDesk] = await Promise.all(
      [
        'admin@riverside.test',
        'nurse@riverside.test',
        'frontdesk@riverside.test',
        'admin@lakeside.test',
        'nurse@lakeside.test',
        'frontdesk@lakeside.test',
      ].map(signIn),
    );
    const [colleagueSocket, strangerSocket] = await Promise.all([colleague, stranger].map(connectOnObserver));
    const deskId = desk.userId;

    for (const active of [false, true]) {
      expect((await admin.rest.patch(`/api/staff/${deskId}`, { active })).status).toBe(200);
      const heard = await colleagueSocket.waitFor('staff:changed', (e) => e.data.account.id === deskId);
      expect(heard).toMatchObject({ actor: { id: admin.userId }, data: { account: { id: deskId, active } } });
    }

    // The other clinic's own change, heard on the same node, is the marker.
    for (const role of ['nurse', 'front-desk'] as const) {
      expect((await otherAdmin.rest.patch(`/api/staff/${strangerDesk.userId}`, { role })).status).toBe(200);
      await strangerSocket.waitFor('staff:changed', (e) => e.data.account.role === role);
    }
    expect(strangerSocket.received('staff:changed').map((e) => e.data.account.id)).toEqual([
      strangerDesk.userId,
      strangerDesk.userId,
    ]);
    [colleagueSocket, strangerSocket].forEach((socket) => socket.close());
  });

  describe('sockets whose handshake is in flight when the session is revoked', () => {
    let frontDesk: StaffSession;
    let frontDeskSocket: RealtimeTestClient;
    let patient: PatientSummary;
    let providerId: string;
    let slot = 0;

    beforeAll(async () => {
      frontDesk = await signIn('frontdesk@lakeside.test');
      frontDeskSocket = await connectOnObserver(frontDesk);
      [patient] = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
      providerId = (await signIn('provider@lakeside.test')).userId;
    });
    afterAll(() => frontDeskSocket?.close());

    /** Clinic activity after the revocation: a colleague's socket has it, and none of `sockets` does. */
    const nothingAfter = async (sockets: RealtimeTestClient[]) => {
      const startsAt = new Date(Date.UTC(2033, 0, 1) + ++slot * 60 * 60 * 1000);
      const booking = await frontDesk.rest.post<AppointmentSummary>('/api/appointments', {
        patientId: patient.id,
        providerId,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 30 * 60 * 1000).toISOString(),
        type: 'skin-check',
      });
      expect(booking.status).toBe(201);
      await frontDeskSocket.waitFor('appointment:created', (e) => e.data.appointment.id === booking.body.id);
      for (const socket of sockets) {
        expect(socket.received('appointment:created').filter((e) => e.data.appointment.id === booking.body.id)).toEqual(
          [],
        );
      }
    };

    it('every socket admitted while its session signs out is ended within 1 s and receives nothing after', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const nurse = await signIn('nurse@lakeside.test');
        const { admitted, answeredAt } = await handshakesRacing(topology().observerUrl, nurse.token, async () => {
          expect((await nurse.rest.post('/api/auth/logout')).status).toBe(204);
        });
        await Promise.all(admitted.map((socket) => endedInTime(socket, answeredAt)));
        await nothingAfter(admitted);
      }
    });

    it('every socket admitted while its person is deactivated is ended within 1 s and receives nothing after', async () => {
      const admin = await signIn('admin@lakeside.test');
      const nurseId = (await signIn('nurse@lakeside.test')).userId;
      const setActive = async (active: boolean) =>
        expect((await admin.rest.patch(`/api/staff/${nurseId}`, { active })).status).toBe(200);
      try {
        for (let round = 0; round < RACE_ROUNDS; round++) {
          const nurse = await signIn('nurse@lakeside.test');
          const { admitted, answeredAt } = await handshakesRacing(topology().observerUrl, nurse.token, () =>
            setActive(false),
          );
          await Promise.all(admitted.map((socket) => endedInTime(socket, answeredAt)));
          await nothingAfter(admitted);
          await setActive(true);
        }
      } finally {
        await setActive(true);
      }
    });
  });

  it('a role change applies to REST and the online list on every node within 1 s, without a new token', async () => {
    const admin = await signIn('admin@riverside.test');
    const frontDesk = await signIn('frontdesk@riverside.test');
    const socket = await connectOnObserver(frontDesk);
    await answers(topology().observerUrl, frontDesk.token, '/api/audit/patient-views', 403);
    /** The socket carries on under the new role rather than being closed, and lists its person with it. */
    const listedAs = (role: StaffRole) =>
      eventually(
        `the online list shows the role ${role}`,
        async () => {
          const ack = await socket.command('presence:list', {});
          return ack.ok && ack.online.some((user) => user.userId === frontDesk.userId && user.role === role);
        },
        REVOCATION_DEADLINE_MS,
      );
    await listedAs('front-desk');

    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'admin' })).status).toBe(200);
    await answers(topology().observerUrl, frontDesk.token, '/api/audit/patient-views', 200);
    await listedAs('admin');
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' })).status).toBe(200);
    await answers(topology().observerUrl, frontDesk.token, '/api/audit/patient-views', 403);
    await listedAs('front-desk');
    socket.close();
  });
}
