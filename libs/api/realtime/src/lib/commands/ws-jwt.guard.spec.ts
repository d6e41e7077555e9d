import { ExecutionContext } from '@nestjs/common';
import { TenantDirectory } from '@derm/api/auth';
import type { RealtimeSocket } from '../realtime-socket';
import { SessionExpiry } from '../session/session-expiry.service';
import { CommandException } from './command.exception';
import { WsJwtGuard } from './ws-jwt.guard';

const nowSeconds = () => Math.floor(Date.now() / 1000);

function setup({ expiresAt = nowSeconds() + 60, active = true, authenticated = true } = {}) {
  const socket = {
    id: 's1',
    connected: true,
    data: authenticated ? { userId: 'u1', tenantId: 't1', role: 'nurse', name: 'Nora', tokenExpiresAt: expiresAt } : {},
    emit: jest.fn(),
    disconnect: jest.fn(),
  } as unknown as RealtimeSocket;
  const context = { switchToWs: () => ({ getClient: () => socket }) } as unknown as ExecutionContext;
  const tenants = { isActive: jest.fn(async () => active) } as unknown as TenantDirectory;
  const guard = new WsJwtGuard(tenants, new SessionExpiry());
  return { socket, context, guard };
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
    const { guard, context, socket } = setup({ expiresAt: nowSeconds() - 1 });
    expect(await codeOf(guard.canActivate(context))).toBe('TOKEN_EXPIRED');
    expect(socket.disconnect).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.emit).toHaveBeenCalledWith('session:expired', expect.objectContaining({ reason: 'TOKEN_EXPIRED' }));
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it('refuses commands once the clinic is suspended', async () => {
    const { guard, context } = setup({ active: false });
    expect(await codeOf(guard.canActivate(context))).toBe('UNAUTHORIZED');
  });
});
