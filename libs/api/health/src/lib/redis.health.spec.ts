import { HealthIndicatorService } from '@nestjs/terminus';
import type { RedisClient } from '@derm/api/redis';
import { RedisHealthIndicator } from './redis.health';

const indicatorFor = (client: Partial<RedisClient> | null) =>
  new RedisHealthIndicator(client as RedisClient | null, new HealthIndicatorService());

describe('RedisHealthIndicator', () => {
  it('is not part of readiness without REDIS_URL', () => {
    expect(indicatorFor(null).configured).toBe(false);
  });

  it('is up when Redis answers PING', async () => {
    const indicator = indicatorFor({ status: 'ready', ping: jest.fn().mockResolvedValue('PONG') });
    expect(indicator.configured).toBe(true);
    expect(await indicator.check('redis')).toEqual({ redis: { status: 'up' } });
  });

  it('is down at once while the connection is being re-established, without queueing a PING', async () => {
    const ping = jest.fn();
    expect(await indicatorFor({ status: 'reconnecting', ping }).check('redis')).toEqual({
      redis: { status: 'down', message: 'Connection is reconnecting' },
    });
    expect(ping).not.toHaveBeenCalled();
  });

  it('is down when PING fails or does not answer in time', async () => {
    const failing = indicatorFor({ status: 'ready', ping: jest.fn().mockRejectedValue(new Error('LOADING')) });
    expect(await failing.check('redis')).toEqual({ redis: { status: 'down', message: 'LOADING' } });
    const silent = indicatorFor({ status: 'ready', ping: jest.fn(() => new Promise<'PONG'>(() => undefined)) });
    expect(await silent.check('redis')).toEqual({ redis: { status: 'down', message: 'No PONG within 1000 ms' } });
  });
});
