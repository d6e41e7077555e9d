import { ExecutionContext } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { CommandException } from './command.exception';
import { WsRateLimitGuard } from './ws-rate-limit.guard';

const contextFor = (socket: object) =>
  ({ switchToWs: () => ({ getClient: () => socket }) }) as unknown as ExecutionContext;

describe('WsRateLimitGuard', () => {
  const guard = new WsRateLimitGuard({ wsRateLimit: { points: 3, windowMs: 1000 } } as AppConfig);

  afterEach(() => jest.useRealTimers());

  it('allows the budget, refuses past it, and gives each socket its own budget', () => {
    const flooder = contextFor({});
    const neighbour = contextFor({});
    for (let i = 0; i < 3; i++) expect(guard.canActivate(flooder)).toBe(true);
    expect(() => guard.canActivate(flooder)).toThrow(CommandException);
    expect(guard.canActivate(neighbour)).toBe(true);
  });

  it('restores the budget when the window ends', () => {
    jest.useFakeTimers();
    const socket = contextFor({});
    for (let i = 0; i < 3; i++) guard.canActivate(socket);
    expect(() => guard.canActivate(socket)).toThrow(/Too many commands/);
    jest.advanceTimersByTime(1000);
    expect(guard.canActivate(socket)).toBe(true);
  });
});
