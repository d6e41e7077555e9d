import { nowInSeconds, TokenRejectedError } from '../access-token.service';
import { AuthenticatedUser } from '../authenticated-user';
import { sessionCheckerWorld } from './session-checker.fakes';

const nurse: AuthenticatedUser = { userId: 'u1', tenantId: 't1', role: 'nurse', name: 'Nora' };

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('SessionChecker', () => {
  it('accepts a live session and takes role and name from the account as it is now', async () => {
    const world = sessionCheckerWorld();
    world.addAccount(nurse, { role: 'front-desk', name: 'Nora Q.' });
    const { token, session } = world.signIn(nurse);
    const verified = await world.checker.authenticate(token);
    expect(verified.user).toEqual({ ...nurse, role: 'front-desk', name: 'Nora Q.' });
    expect(verified.session).toEqual(session);
  });

  it('refuses a deleted account, a suspended clinic, a deactivated account and a signed-out session', async () => {
    const world = sessionCheckerWorld();
    const { token, session } = world.signIn(nurse);
    expect(await codeOf(world.checker.authenticate(token))).toBe('UNAUTHORIZED');

    world.addAccount(nurse);
    expect(await codeOf(world.checker.authenticate(token))).toBe('accepted');
    world.revoked.add(session.sessionId);
    expect(await codeOf(world.checker.authenticate(token))).toBe('REVOKED');
    world.revoked.clear();

    world.addAccount(nurse, { active: false });
    expect(await codeOf(world.checker.authenticate(token))).toBe('REVOKED');

    world.addAccount(nurse);
    world.activeTenants.clear();
    expect(await codeOf(world.checker.authenticate(token))).toBe('TENANT_INVALID');
  });

  it('tells when a change of the person was applied while the answer was being looked up, and only of that person', async () => {
    const world = sessionCheckerWorld();
    world.addAccount(nurse);
    const { token } = world.signIn(nurse);
    const answerDuring = async (person: { tenantId: string; userId: string }) => {
      const answer = world.checker.authenticate(token);
      await world.changes.announce({ ...person, ended: false });
      return (await answer).changesSeen;
    };

    const duringAnotherChange = await answerDuring({ tenantId: nurse.tenantId, userId: 'someone-else' });
    expect(world.checker.changedSince(nurse, duringAnotherChange)).toBe(false);
    const duringHerChange = await answerDuring({ tenantId: nurse.tenantId, userId: nurse.userId });
    expect(world.checker.changedSince(nurse, duringHerChange)).toBe(true);
    const { changesSeen: afterwards } = await world.checker.authenticate(token);
    expect(world.checker.changedSince(nurse, afterwards)).toBe(false);
  });

  it('tells, with nothing to look up, whether a change since the answer ended that session: a sign-out of it or a deactivation, not a role change nor another session’s sign-out', async () => {
    const world = sessionCheckerWorld();
    world.addAccount(nurse);
    const { token, session } = world.signIn(nurse);
    const { sessionId } = session;
    const person = { tenantId: nurse.tenantId, userId: nurse.userId };
    const endedAfter = async (...changes: Parameters<typeof world.changes.announce>[0][]) => {
      const { changesSeen } = await world.checker.authenticate(token);
      for (const change of changes) await world.changes.announce(change);
      return world.checker.endedSince(nurse, sessionId, changesSeen);
    };

    expect(await endedAfter({ ...person, ended: false })).toBe(false);
    expect(await endedAfter({ ...person, sessionId: 'another-session', ended: true })).toBe(false);
    expect(await endedAfter({ tenantId: nurse.tenantId, userId: 'someone-else', ended: true })).toBe(false);
    expect(await endedAfter({ ...person, sessionId, ended: true })).toBe(true);
    expect(await endedAfter({ ...person, ended: false }, { ...person, ended: true })).toBe(true);
    // Ended before the answer began: the answer itself says so (REVOKED), nothing to tell here.
    await world.changes.announce({ ...person, ended: true });
    world.addAccount(nurse);
    expect(await endedAfter()).toBe(false);
  });

  it('keeps sessions that signed in before a deactivation revoked after reactivation', async () => {
    const world = sessionCheckerWorld();
    const { session } = world.signIn(nurse);
    world.addAccount(nurse, { sessionsRevokedAt: nowInSeconds() });
    expect(await codeOf(world.checker.recheck(nurse, session))).toBe('REVOKED');
    const later = { ...session, authTime: nowInSeconds() + 1 };
    expect(await codeOf(world.checker.recheck(nurse, later))).toBe('accepted');
  });
});
