import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@derm/api/config';
import { ClusterNode, RateLimiters } from '@derm/api/redis';
import { CommandBudget } from './command-budget.service';
import { CommandException } from './command.exception';
import { OwnCommandBudget, WsRateLimitGuard } from './ws-rate-limit.guard';

/** Two command handlers as a gateway declares them; only their metadata is read. */
class Handlers {
  ordinary(): string {
    return 'ordinary';
  }
  @OwnCommandBudget('refreshes')
  refresh(): string {
    return 'refresh';
  }
}

let sockets = 0;
const socketOf = (tenantId: string, userId: string) => ({ id: `s${++sockets}`, data: { tenantId, userId } });
const contextFor = (socket: object, handler: keyof Handlers = 'ordinary') =>
  ({
    switchToWs: () => ({ getClient: () => socket }),
    getHandler: () => Handlers.prototype[handler],
  }) as unknown as ExecutionContext;

describe('WsRateLimitGuard', () => {
  const config = {
    wsRateLimit: { points: 3, windowSeconds: 1 },
    wsRefreshBudget: { points: 2, windowSeconds: 1 },
  } as AppConfig;
  const guardWithFreshBudget = () =>
    new WsRateLimitGuard(new CommandBudget(config, new RateLimiters(null, {} as ClusterNode)), new Reflector());
  const refusalOf = (attempt: Promise<boolean>) => attempt.catch((error: CommandException) => error.commandError);

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

  it('answers RATE_LIMITED with the wait, in the message and as a number', async () => {
    const guard = guardWithFreshBudget();
    const socket = contextFor(socketOf('t1', 'nurse'));
    for (let i = 0; i < 3; i++) await guard.canActivate(socket);
    const refusal = await refusalOf(guard.canActivate(socket));
    expect(refusal).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/retry in \d+ ms/),
      retryInMs: expect.any(Number),
    });
  });

  it('lets a command with a budget of its own through when the person spent theirs, and bounds it per socket', async () => {
    const guard = guardWithFreshBudget();
    const [tab, otherTab] = [socketOf('t1', 'nurse'), socketOf('t1', 'nurse')];
    for (let i = 0; i < 3; i++) await guard.canActivate(contextFor(otherTab));
    await expect(guard.canActivate(contextFor(tab))).rejects.toThrow(CommandException);

    await expect(guard.canActivate(contextFor(tab, 'refresh'))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(tab, 'refresh'))).resolves.toBe(true);
    expect(await refusalOf(guard.canActivate(contextFor(tab, 'refresh')))).toMatchObject({ code: 'RATE_LIMITED' });
    // Spending it on one tab leaves the person's other tabs, and other people, theirs.
    await expect(guard.canActivate(contextFor(otherTab, 'refresh'))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(socketOf('t1', 'provider'), 'refresh'))).resolves.toBe(true);
  });
});
