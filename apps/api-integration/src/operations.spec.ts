import { ChatMessage, EVENTS_PER_MINUTE_WINDOW, OperationsSnapshot, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { forgeToken } from './support/tokens';

const MAX_CONNECTIONS = 2;
const total = (snapshot: OperationsSnapshot) => snapshot.eventsPerMinute.reduce((sum, { count }) => sum + count, 0);

describe('the operations page: connected staff, events per minute and refused handshakes, for admins of the clinic only', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let lakesideAdmin: StaffSession;
  let adminSocket: RealtimeTestClient;
  let nurseSocket: RealtimeTestClient;
  let frontDeskSocket: RealtimeTestClient;
  let lakesideSocket: RealtimeTestClient;

  /** A message from the nurse to the provider: one `message:new`, a domain event of Riverside. */
  const riversideMessage = async (body: string): Promise<ChatMessage> => {
    const thread = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId] })).body;
    const sent = await nurse.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body });
    expect(sent.status).toBe(201);
    return sent.body;
  };

  beforeAll(async () => {
    server = await startApiServer({ env: { WS_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS) } });
    [admin, nurse, provider, frontDesk, lakesideAdmin] = await Promise.all(
      [
        'admin@riverside.test',
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    [adminSocket, nurseSocket, frontDeskSocket, lakesideSocket] = await Promise.all(
      [admin, nurse, frontDesk, lakesideAdmin].map((session) => session.connect()),
    );
  });
  afterAll(async () => {
    [admin, nurse, provider, frontDesk, lakesideAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  it("gives an admin the clinic's snapshot, and anyone else a 403", async () => {
    const snapshot = await admin.rest.get<OperationsSnapshot>('/api/operations');
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.scope).toBe('node');
    expect(snapshot.body.connectedStaff.map((staff) => staff.userId).sort()).toEqual(
      [admin.userId, nurse.userId, frontDesk.userId].sort(),
    );
    expect(snapshot.body.eventsPerMinute).toHaveLength(EVENTS_PER_MINUTE_WINDOW);
    expect(snapshot.body.refusals).toEqual([]);

    for (const session of [nurse, provider, frontDesk]) {
      const refused = await session.rest.get<{ message: string }>('/api/operations');
      expect(refused.status).toBe(403);
      expect(refused.body.message).toEqual(expect.any(String));
    }
    const lakeside = (await lakesideAdmin.rest.get<OperationsSnapshot>('/api/operations')).body;
    expect(lakeside.connectedStaff.map((staff) => staff.userId)).toEqual([lakesideAdmin.userId]);
  });

  it("counts the clinic's events per minute live to its admins, and to no one else", async () => {
    const before = total((await admin.rest.get<OperationsSnapshot>('/api/operations')).body);
    await riversideMessage('Counted');
    const live = await adminSocket.waitFor('operations:activity', (minute) => minute.count >= 1);
    expect(Number.isNaN(Date.parse(live.minute))).toBe(false);
    expect(new Date(live.minute).getUTCSeconds()).toBe(0);

    const after = (await admin.rest.get<OperationsSnapshot>('/api/operations')).body;
    expect(total(after)).toBeGreaterThan(before);
    expect(after.eventsPerMinute.find((minute) => minute.minute === live.minute)?.count).toBeGreaterThanOrEqual(
      live.count,
    );
    expect(total((await lakesideAdmin.rest.get<OperationsSnapshot>('/api/operations')).body)).toBe(0);
    await Promise.all(
      [nurseSocket, frontDeskSocket, lakesideSocket].map((socket) => socket.expectNone('operations:activity')),
    );
  });

  it("shows a signed-out session's refused reconnection to its clinic's admins, naming the person", async () => {
    const tablet = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);
    const refused = await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: tablet.token } });
    expect(refused.message).toBe('REVOKED');

    const live = await adminSocket.waitFor('operations:refusal', (refusal) => refusal.code === 'REVOKED');
    expect(live).toEqual({
      id: expect.any(String),
      code: 'REVOKED',
      at: expect.any(String),
      user: { id: nurse.userId, name: 'Nora Quinn' },
      count: 1,
      firstAt: live.at,
    });
    expect((await admin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals).toEqual([live]);
    expect((await lakesideAdmin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals).toEqual([]);
    await Promise.all(
      [nurseSocket, frontDeskSocket, lakesideSocket].map((socket) => socket.expectNone('operations:refusal')),
    );
  });

  it('shows a connection past the cap, and never a refusal whose token proves nothing', async () => {
    const extra = await provider.connect();
    await provider.connect();
    const refused = await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: provider.token } });
    expect(refused.message).toBe('TOO_MANY_CONNECTIONS');
    const live = await adminSocket.waitFor('operations:refusal', (refusal) => refusal.code === 'TOO_MANY_CONNECTIONS');
    expect(live.user).toEqual({ id: provider.userId, name: 'Dr. Ana Ortiz' });
    extra.close();

    // Riverside's claims, signed with another secret: refused as UNAUTHORIZED, shown to no clinic.
    const forged = forgeToken(
      { sub: nurse.userId, tid: nurse.tenantId },
      { secret: 'not-the-secret-of-this-deployment' },
    );
    expect((await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: forged } })).message).toBe(
      'UNAUTHORIZED',
    );
    expect((await RealtimeTestClient.refusedHandshake(server.url, { auth: {} })).message).toBe('UNAUTHORIZED');
    await adminSocket.expectNone('operations:refusal');
    const refusals = (await admin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals;
    expect(refusals.map((refusal) => refusal.code)).toEqual(['TOO_MANY_CONNECTIONS', 'REVOKED']);
    await lakesideSocket.expectNone('operations:refusal');
  });

  it('counts a person refused again for the same reason into their one entry, which goes first and pushes nobody off', async () => {
    const before = (await admin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals;
    const entry = before.find(
      (refusal) => refusal.code === 'TOO_MANY_CONNECTIONS' && refusal.user.id === provider.userId,
    );
    if (!entry) throw new Error('The previous test left no over-the-cap entry of the provider');
    // The previous test left one of the provider's sockets open: this one fills the cap again.
    const seat = await provider.connect();
    for (const count of [entry.count + 1, entry.count + 2, entry.count + 3]) {
      const refused = await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: provider.token } });
      expect(refused.message).toBe('TOO_MANY_CONNECTIONS');
      const live = await adminSocket.waitFor(
        'operations:refusal',
        (refusal) => refusal.code === 'TOO_MANY_CONNECTIONS' && refusal.count === count,
      );
      expect(live).toMatchObject({ user: { id: provider.userId, name: 'Dr. Ana Ortiz' }, firstAt: entry.firstAt });
    }
    seat.close();

    const after = (await admin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals;
    expect(after).toHaveLength(before.length);
    expect(after[0]).toMatchObject({
      code: 'TOO_MANY_CONNECTIONS',
      user: { id: provider.userId },
      count: entry.count + 3,
      firstAt: entry.firstAt,
    });
    expect(after[0].at > entry.at).toBe(true);
    expect(after.slice(1)).toEqual(before.filter((refusal) => refusal !== entry));
    expect((await lakesideAdmin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals).toEqual([]);
    await Promise.all(
      [nurseSocket, frontDeskSocket, lakesideSocket].map((socket) => socket.expectNone('operations:refusal')),
    );
  });

  it('follows a role change on open sockets: a new admin hears the page, a former one no longer does', async () => {
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'admin' })).status).toBe(200);
    // Roles are re-read from the account on every request: the promotion opens the REST snapshot at once.
    expect((await frontDesk.rest.get('/api/operations')).status).toBe(200);
    // The socket joins once its node has re-checked the account, which the PATCH only set off.
    await eventually(
      'the promoted front desk hears the minute counts',
      async () => {
        await riversideMessage('Promoted');
        return frontDeskSocket
          .waitFor('operations:activity', () => true, 1500)
          .then(
            () => true,
            () => false,
          );
      },
      8000,
    );

    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' })).status).toBe(200);
    expect((await frontDesk.rest.get('/api/operations')).status).toBe(403);
    await eventually(
      'the demoted front desk no longer hears a count the admin hears',
      async () => {
        const heardBefore = new Set(frontDeskSocket.received('operations:activity'));
        const adminHeard = adminSocket.received('operations:activity').length;
        await riversideMessage('Demoted');
        await eventually(
          'the admin hears the count',
          async () => adminSocket.received('operations:activity').length > adminHeard,
          3000,
        );
        return frontDeskSocket
          .expectNone('operations:activity', (minute) => !heardBefore.has(minute))
          .then(
            () => true,
            () => false,
          );
      },
      8000,
    );
    await frontDeskSocket.expectNone('operations:refusal');
  });
});
