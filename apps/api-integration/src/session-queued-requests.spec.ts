import { StaffAccount } from '@derm/shared/contracts';
import { StaffSession } from '@derm/shared/test-client';
import { HeldTurns, startWithHeldTurns } from './support/held-turns';

const IN_FLIGHT = 2;
const PATIENTS = '/api/patients';

/**
 * A request waits for its turn behind the same person's requests in flight (`RestTurnGuard`),
 * held in the database for as long as the test needs (`startWithHeldTurns`). A sign-out,
 * deactivation or role change made meanwhile applies to it when its turn comes: it never runs in
 * the name of a session that ended, nor with a role the person no longer has.
 */
describe('requests waiting their turn while their session ends or their person changes', () => {
  let api: HeldTurns;

  beforeAll(async () => {
    api = await startWithHeldTurns(IN_FLIGHT);
  });
  afterAll(() => api?.dispose());

  const signIn = (email: string) => StaffSession.signIn(api.server.url, email);

  /** Holds `IN_FLIGHT` reads of `session`'s person in the database; `release` answers them. */
  async function holdTurns(session: StaffSession): Promise<{ release: () => Promise<void> }> {
    await api.lockPatients();
    const held = Array.from({ length: IN_FLIGHT }, () => session.rest.get(PATIENTS));
    return {
      release: async () => {
        await api.unlockPatients();
        await Promise.all(held);
      },
    };
  }

  it('a signed-out session’s waiting request is refused; the same person’s other session’s is answered', async () => {
    const [signedOut, stillIn] = [await signIn('nurse@riverside.test'), await signIn('nurse@riverside.test')];
    const turns = await holdTurns(signedOut);
    const waiting = [signedOut.rest.get('/api/threads'), stillIn.rest.get('/api/threads')];
    await api.untilWaiting("both of the nurse's reads of her threads waiting", 2);

    expect((await signedOut.rest.post('/api/auth/logout')).status).toBe(204);
    await turns.release();

    expect((await Promise.all(waiting)).map(({ status }) => status)).toEqual([401, 200]);
  });

  it('a deactivated person’s waiting alert is refused and reaches nobody', async () => {
    const admin = await signIn('admin@riverside.test');
    const [provider, nurse] = [await signIn('provider@riverside.test'), await signIn('nurse@riverside.test')];
    const lakeside = await signIn('nurse@lakeside.test');
    try {
      const turns = await holdTurns(provider);
      const alert = provider.rest.post('/api/alerts', { title: 'Room 2 needs you', to: { userIds: [nurse.userId] } });
      await api.untilWaiting("the provider's alert waiting", 1);

      expect((await admin.rest.patch(`/api/staff/${provider.userId}`, { active: false })).status).toBe(200);
      await turns.release();

      expect((await alert).status).toBe(401);
      for (const reader of [nurse, admin, lakeside]) {
        const inbox = await reader.rest.get<{ items: { title: string }[] }>('/api/notifications');
        expect(inbox.body.items.filter(({ title }) => title.includes('Room 2 needs you'))).toEqual([]);
      }
    } finally {
      await admin.rest.patch(`/api/staff/${provider.userId}`, { active: true });
    }
  });

  it('an admin demoted while their read of every account waits is refused it, as the role they have now', async () => {
    const admin = await signIn('admin@riverside.test');
    const frontDesk = await signIn('frontdesk@riverside.test');
    const lakesideAdmin = await signIn('admin@lakeside.test');
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'admin' })).status).toBe(200);
    try {
      const turns = await holdTurns(frontDesk);
      const accounts = frontDesk.rest.get<StaffAccount[]>('/api/staff/accounts');
      const lakesideAccounts = lakesideAdmin.rest.get<StaffAccount[]>('/api/staff/accounts');
      await api.untilWaiting("the front desk's read of every account waiting", 1);

      expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' })).status).toBe(200);
      await turns.release();

      const refused = await accounts;
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).toContain('front-desk');
      // Another clinic's admin, who never waited behind anyone, still reads their own accounts.
      expect((await lakesideAccounts).status).toBe(200);
    } finally {
      await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' });
    }
  });
});
