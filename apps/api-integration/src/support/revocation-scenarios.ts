import { SessionExpired, StaffAccount, StaffRole } from '@derm/shared/contracts';
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
