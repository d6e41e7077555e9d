import { SessionChecker, StaffSessionsChanged } from '@derm/api/auth';
import { DomainEvents } from '@derm/api/events';
import { HandshakeAuthenticator } from './handshake-authenticator.service';
import type { RealtimeSocket } from '../realtime-socket';

const nurse = { userId: 'u1', tenantId: 't1', role: 'nurse' as const, name: 'Nora' };
const session = { sessionId: 's1', authTime: 1 };

/** A socket admitted on a verdict read before a change of its person; `ended`: whether that change ended its session. */
async function admittedBeforeAChange(ended: boolean) {
  const published: StaffSessionsChanged[] = [];
  const sessions = {
    authenticate: async () => ({ user: nurse, session, expiresAt: 2, changesSeen: 0 }),
    changedSince: () => true,
    endedSince: (_: unknown, sessionId: string, seen: number) => ended && sessionId === 's1' && seen === 0,
  } as unknown as SessionChecker;
  const events = { publish: (event: StaffSessionsChanged) => published.push(event) } as unknown as DomainEvents;
  const authenticator = new HandshakeAuthenticator(sessions, events);
  const socket = {
    handshake: { auth: { token: 'token' }, headers: {}, query: {} },
    join: async () => undefined,
  } as unknown as RealtimeSocket;
  const error = await new Promise((resolve) => authenticator.middleware(socket, resolve));
  expect(error).toBeUndefined();
  return { authenticator, socket, published };
}

describe('HandshakeAuthenticator, a socket connected after a change its verdict predates', () => {
  it('ends the socket’s session at once when the change ended it, with nothing to look up', async () => {
    const { authenticator, socket, published } = await admittedBeforeAChange(true);
    authenticator.connected(socket);
    expect(published).toEqual([
      expect.objectContaining({ tenantId: 't1', userId: 'u1', sessionId: 's1', ended: true }),
    ]);
  });

  it('has the person’s sockets checked again when the change left the session alive (a role change)', async () => {
    const { authenticator, socket, published } = await admittedBeforeAChange(false);
    authenticator.connected(socket);
    expect(published).toEqual([expect.objectContaining({ tenantId: 't1', userId: 'u1', ended: false })]);
    expect(published[0].sessionId).toBeUndefined();
  });
});
