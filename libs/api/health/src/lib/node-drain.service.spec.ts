import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '@derm/api/config';
import { NodeDrain } from './node-drain.service';

const drainFor = (shutdownDrainMs: number) =>
  new NodeDrain({ shutdownDrainMs } as AppConfig, new HealthIndicatorService());

describe('NodeDrain', () => {
  it('is up until the application starts shutting down, then down', async () => {
    const drain = drainFor(0);
    expect(drain.check('node')).toEqual({ node: { status: 'up' } });
    await drain.beforeApplicationShutdown('SIGTERM');
    expect(drain.check('node')).toEqual({ node: { status: 'down', message: 'The node is shutting down' } });
  });

  it('holds the shutdown for SHUTDOWN_DRAIN_MS while already reporting down', async () => {
    const drain = drainFor(200);
    const started = Date.now();
    const draining = drain.beforeApplicationShutdown('SIGTERM');
    expect(drain.check('node').node.status).toBe('down');
    await draining;
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
