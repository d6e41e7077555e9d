import { Logger } from '@nestjs/common';
import { createServer } from 'node:net';
import { closeRedis, connectRedis } from './redis-client';

async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('connectRedis and closeRedis', () => {
  it('logs an outage once, not at every retry, and closes without waiting for Redis forever', async () => {
    const logger = new Logger('test');
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const client = connectRedis(`redis://127.0.0.1:${await unusedPort()}`, 'test-node', logger);
    let errors = 0;
    await new Promise<void>((resolve) =>
      client.on('error', () => {
        if (++errors === 3) resolve();
      }),
    );
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toMatch(/^Redis is unreachable, retrying/);

    const ended = new Promise((resolve) => client.once('end', resolve));
    const started = Date.now();
    await closeRedis(client, 300);
    expect(Date.now() - started).toBeLessThan(1000);
    await ended;
    expect(client.status).toBe('end');
  });
});
