import type { RedisClient } from './redis-client';
import { RedisScript } from './redis-script';

const SOURCE = 'return ARGV[1]';
/** What Redis calls the script (SHA1 of its source), as `SCRIPT LOAD` would answer. */
const SHA1_OF_SOURCE = '098e0f0d1448c0a81dafe820f66d460eb09263da';

describe('RedisScript', () => {
  it('runs by SHA1 and sends the source only when Redis does not know the script', async () => {
    const evalsha = jest
      .fn()
      .mockRejectedValueOnce(new Error('NOSCRIPT No matching script. Please use EVAL.'))
      .mockResolvedValueOnce('second');
    const evalSource = jest.fn().mockResolvedValue('first');
    const client = { evalsha, eval: evalSource } as unknown as RedisClient;
    const script = new RedisScript(SOURCE);

    expect(await script.run(client, ['first'])).toBe('first');
    expect(evalSource).toHaveBeenCalledWith(SOURCE, 0, 'first');
    expect(await script.run(client, ['second'])).toBe('second');
    expect(evalsha).toHaveBeenLastCalledWith(SHA1_OF_SOURCE, 0, 'second');
    expect(evalSource).toHaveBeenCalledTimes(1);
  });

  it('passes any other error on', async () => {
    const client = { evalsha: jest.fn().mockRejectedValue(new Error('LOADING')) } as unknown as RedisClient;
    await expect(new RedisScript(SOURCE).run(client, [])).rejects.toThrow('LOADING');
  });
});
