import { ExecutionContext } from '@nestjs/common';
import { SessionChecker, TokenRejectedError } from '@derm/api/auth';
import type { RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from '../session/session-expiry.service';
import { CommandException } from './command.exception';
import { WsJwtGuard } from './ws-jwt.guard';

const nowSeconds = () => Math.floor(Date.now() / 1000);

type Standing = 'live' | 'clinic-suspended' | 'revoked' | 'promoted';

function setup({ expiresAt = nowSeconds() + 60, standing = 'live' as Standing, authenticated = true } = {}) {
  /** What the socket itself is told (written locally, at once, before the close). */
  const told = jest.fn();
  const socket = {
    id: 's1',
    connected: true,
    data: authenticated
      ? {
          userId: 'u1',
          tenantId: 't1',
          role: 'nurse',
          name: 'Nora',
          sessionId: 'sid',
          authTime: 0,
          tokenExpiresAt: expiresAt,
        }
      : {},
    nsp: { local: { to: () => ({ emit: told }) } },
    disconnect: jest.fn(),
  } as unknown as RealtimeSocket;
  const context = { switchToWs: () => ({ getClient: () => socket }) } as unknown as ExecutionContext;
  const sessions = {
    recheck: jest.fn(async (user: object) => {
      if (standing === 'clinic-suspended') throw new TokenRejectedError('TENANT_INVALID', 'suspended');
      if (standing === 'revoked') throw new TokenRejectedError('REVOKED', 'signed out');
      return { ...user, role: standing === 'promoted' ? 'admin' : 'nurse' };
    }),
  } as unknown as SessionChecker;
  const guard = new WsJwtGuard(sessions, new SessionExpiry());
  return { socket, context, guard, told };
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return (error as CommandException).commandError.code;
  }
  return 'accepted';
};

describe('WsJwtGuard', () => {
  it('lets an authenticated, unexpired socket of an active clinic through', async () => {
    const { guard, context } = setup();
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('refuses a socket the handshake did not authenticate', async () => {
    const { guard, context } = setup({ authenticated: false });
    expect(await codeOf(guard.canActivate(context))).toBe('UNAUTHORIZED');
  });

  it('answers TOKEN_EXPIRED after expiry, then tells the client and closes the socket', async () => {
    const { guard, context, socket, told } = setup({ expiresAt: nowSeconds() - 1 });
    expect(await codeOf(guard.canActivate(context))).toBe('TOKEN_EXPIRED');
    expect(socket.disconnect).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toHaveBeenCalledWith('session:expired', expect.objectContaining({ reason: 'TOKEN_EXPIRED' }));
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it('refuses commands once the clinic is suspended', async () => {
    const { guard, context } = setup({ standing: 'clinic-suspended' });
    expect(await codeOf(guard.canActivate(context))).toBe('UNAUTHORIZED');
  });

  it('answers REVOKED for a signed-out session, then tells the client and closes the socket', async () => {
    const { guard, context, socket, told } = setup({ standing: 'revoked' });
    expect(await codeOf(guard.canActivate(context))).toBe('REVOKED');
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toHaveBeenCalledWith('session:expired', expect.objectContaining({ reason: 'REVOKED' }));
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it("takes the account's current role for the command", async () => {
    const { guard, context, socket } = setup({ standing: 'promoted' });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(socket.data.role).toBe('admin');
  });
});
