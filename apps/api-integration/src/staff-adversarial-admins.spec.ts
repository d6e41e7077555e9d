import { StaffMember } from '@derm/shared/contracts';
import { ApiServer, RestResponse, StaffSession, startApiServer } from '@derm/shared/test-client';

/** Two admins of one clinic changing accounts at the same moment, as two tabs on two desks do. */
describe('staff administration: two admins at once', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let frontDesk: StaffSession;
  let lakesideAdmin: StaffSession;
  let nurseId: string;

  /** Read by a colleague who is no admin: the clinic's active staff, with their roles. */
  const activeAdmins = async (): Promise<StaffMember[]> =>
    (await frontDesk.rest.get<StaffMember[]>('/api/staff')).body.filter((member) => member.role === 'admin');

  /** The nurse made a second admin, signed in as such. */
  const secondAdmin = async (): Promise<StaffSession> => {
    expect((await admin.rest.patch(`/api/staff/${nurseId}`, { role: 'admin', active: true })).status).toBe(200);
    return StaffSession.signIn(server.url, 'nurse@riverside.test');
  };

  // A fresh clinic for each case: a case that failed may have left it without an admin.
  beforeEach(async () => {
    // Many changes and reads in a few seconds: more than one person's usual budgets.
    server = await startApiServer({ env: { REST_WRITE_POINTS: '1000', REST_READ_POINTS: '1000' } });
    [admin, frontDesk, lakesideAdmin] = await Promise.all(
      ['admin@riverside.test', 'frontdesk@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  });
  afterEach(async () => {
    [admin, frontDesk, lakesideAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  it.each([
    ['demote', { role: 'nurse' }],
    ['deactivate', { active: false }],
  ] as const)(
    'two admins who %s each other at once leave the clinic with an admin: one change is made, the other refused',
    async (_, change) => {
      const [deskSocket, foreignSocket] = await Promise.all([frontDesk.connect(), lakesideAdmin.connect()]);
      // A race: several rounds, so that both requests are past the permission check together in some.
      for (let round = 0; round < 20; round++) {
        const nurse = await secondAdmin();
        try {
          // Both connections open and both accounts read already, so that the two changes arrive together.
          await Promise.all([admin.rest.get('/api/staff/accounts'), nurse.rest.get('/api/staff/accounts')]);
          const [first, second]: RestResponse<unknown>[] = await Promise.all([
            admin.rest.patch(`/api/staff/${nurseId}`, change),
            nurse.rest.patch(`/api/staff/${admin.userId}`, change),
          ]);
          const remaining = await activeAdmins();
          expect(remaining.length).toBeGreaterThan(0);
          // Whoever was refused (403, or 401 once deactivated) lost the role: the other stays the clinic's admin.
          expect(first.status === 200).not.toBe(second.status === 200);
          expect([first.status, second.status]).toEqual(expect.arrayContaining([200]));
          const [winner, loser] = first.status === 200 ? [admin.userId, nurseId] : [nurseId, admin.userId];
          expect(remaining.map((account) => account.id)).toEqual([winner]);
          await deskSocket.waitFor(
            'staff:changed',
            (event) => event.data.account.id === loser && event.actor?.id === winner,
          );
        } finally {
          nurse.close();
        }
        if ((await activeAdmins()).every((account) => account.id !== admin.userId)) {
          // The nurse won this round: she restores the clinic's own admin before the next.
          const restorer = await StaffSession.signIn(server.url, 'nurse@riverside.test');
          expect(
            (await restorer.rest.patch(`/api/staff/${admin.userId}`, { role: 'admin', active: true })).status,
          ).toBe(200);
          restorer.close();
          admin = await StaffSession.signIn(server.url, 'admin@riverside.test');
        }
        expect((await admin.rest.patch(`/api/staff/${nurseId}`, { role: 'nurse', active: true })).status).toBe(200);
      }
      expect(foreignSocket.received('staff:changed')).toEqual([]);
      deskSocket.close();
      foreignSocket.close();
    },
  );
});
