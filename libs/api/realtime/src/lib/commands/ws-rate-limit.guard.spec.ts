import { ExecutionContext } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { ClusterNode, RateLimiters } from '@derm/api/redis';
import { CommandBudget } from './command-budget.service';
import { CommandException } from './command.exception';
import { WsRateLimitGuard } from './ws-rate-limit.guard';

const socketOf = (tenantId: string, userId: string) => ({ data: { tenantId, userId } });
const contextFor = (socket: object) =>
  ({ switchToWs: () => ({ getClient: () => socket }) }) as unknown as ExecutionContext;

describe('WsRateLimitGuard', () => {
  const config = { wsRateLimit: { points: 3, windowSeconds: 1 } } as AppConfig;
  const guardWithFreshBudget = () =>
    new WsRateLimitGuard(new CommandBudget(config, new RateLimiters(null, {} as ClusterNode)));

  it('gives a person one budget over all their sockets, and another person a budget of their own', async () => {
    const guard = guardWithFreshBudget();
    const tabs = [contextFor(socketOf('t1', 'nurse')), contextFor(socketOf('t1', 'nurse'))];
    await expect(guard.canActivate(tabs[0])).resolves.toBe(true);
    await expect(guard.canActivate(tabs[1])).resolves.toBe(true);
    await expect(guard.canActivate(tabs[0])).resolves.toBe(true);
    await expect(guard.canActivate(tabs[1])).rejects.toThrow(CommandException);
    await expect(guard.canActivate(contextFor(socketOf('t1', 'provider')))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(socketOf('t2', 'nurse')))).resolves.toBe(true);
  });

  it('answers RATE_LIMITED with the wait', async () => {
    const guard = guardWithFreshBudget();
    const socket = contextFor(socketOf('t1', 'nurse'));
    for (let i = 0; i < 3; i++) await guard.canActivate(socket);
    const refusal = await guard.canActivate(socket).catch((error: CommandException) => error.commandError);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/retry in \d+ ms/) });
  });
});
