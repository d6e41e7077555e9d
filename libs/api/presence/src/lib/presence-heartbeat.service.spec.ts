import { PresenceHeartbeat } from './presence-heartbeat.service';
import { PresenceService } from './presence.service';
import { PresenceNode } from './store/presence-node';

const RENEW_EVERY = 10_000;

describe('PresenceHeartbeat', () => {
  let renew: jest.Mock;
  let renewAndSweep: jest.Mock;
  let heartbeat: PresenceHeartbeat;

  beforeEach(() => {
    jest.useFakeTimers();
    renew = jest.fn().mockResolvedValue(undefined);
    renewAndSweep = jest.fn().mockResolvedValue(undefined);
    heartbeat = new PresenceHeartbeat(
      { renew, renewAndSweep } as unknown as PresenceService,
      { renewEveryMs: RENEW_EVERY } as PresenceNode,
    );
  });
  afterEach(() => {
    heartbeat.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('renews at start, and renews and sweeps from the first beat on', async () => {
    heartbeat.onApplicationBootstrap();
    expect(renew).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(RENEW_EVERY - 1);
    expect(renewAndSweep).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(renewAndSweep).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(RENEW_EVERY);
    expect(renewAndSweep).toHaveBeenCalledTimes(2);
  });

  it('skips a beat while the previous one is still running', async () => {
    let finish!: () => void;
    renew.mockReturnValue(new Promise<void>((resolve) => (finish = resolve)));
    heartbeat.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(RENEW_EVERY);
    expect(renewAndSweep).not.toHaveBeenCalled();
    finish();
    await jest.advanceTimersByTimeAsync(RENEW_EVERY);
    expect(renewAndSweep).toHaveBeenCalledTimes(1);
  });

  it('keeps to its grid after a late beat, without making up the beats it missed', async () => {
    heartbeat.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(RENEW_EVERY);
    expect(renewAndSweep).toHaveBeenCalledTimes(1);
    // The second beat finds the event loop two and a half periods behind.
    renewAndSweep.mockImplementationOnce(async () => jest.setSystemTime(Date.now() + 2.5 * RENEW_EVERY));
    await jest.advanceTimersByTimeAsync(RENEW_EVERY);
    expect(renewAndSweep).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(0.5 * RENEW_EVERY - 1);
    expect(renewAndSweep).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(renewAndSweep).toHaveBeenCalledTimes(3);
  });
});
