import { AppConfig } from '@derm/api/config';
import { ClusterNode, RateLimiters } from '@derm/api/redis';
import { TooManyRequestsException } from '../http/too-many-requests.exception';
import { SignInThrottle } from './sign-in-throttle.service';

const config = {
  signIn: {
    accountMaxFailures: 3,
    addressMaxFailures: 5,
    failureWindowSeconds: 60,
    lockoutSeconds: 10,
    lockoutMaxSeconds: 25,
  },
} as AppConfig;
const newThrottle = () => new SignInThrottle(config, new RateLimiters(null, {} as ClusterNode));

const retryAfterOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof TooManyRequestsException ? error.retryAfterSeconds : error),
  );

describe('SignInThrottle', () => {
  afterEach(() => jest.useRealTimers());

  it('locks an account on its last allowed failure, from any address, and not its neighbours', async () => {
    const throttle = newThrottle();
    await throttle.recordFailure('a@x.test', '10.0.0.1');
    await throttle.recordFailure('a@x.test', '10.0.0.2');
    expect(await retryAfterOf(throttle.recordFailure('a@x.test', '10.0.0.3'))).toBe(10);
    // The refusal is held a second of the ten before it is answered.
    expect(await retryAfterOf(throttle.assertMayTry('a@x.test', '10.0.0.9'))).toBe(9);
    expect(await retryAfterOf(throttle.assertMayTry('b@x.test', '10.0.0.1'))).toBeNull();
  });

  it('doubles each further lockout up to the maximum, and a success starts over', async () => {
    jest.useFakeTimers();
    const throttle = newThrottle();
    const lockOnce = async () => {
      await throttle.recordFailure('a@x.test', '10.0.0.1').catch(() => undefined);
      await throttle.recordFailure('a@x.test', '10.0.0.2').catch(() => undefined);
      const retryAfter = await retryAfterOf(throttle.recordFailure('a@x.test', '10.0.0.3'));
      jest.advanceTimersByTime(Number(retryAfter) * 1000 + 1);
      return retryAfter;
    };
    expect([await lockOnce(), await lockOnce(), await lockOnce()]).toEqual([10, 20, 25]);
    await throttle.recordSuccess('a@x.test');
    expect(await lockOnce()).toBe(10);
  });

  it('refuses an address past its failures over any accounts, and no other address', async () => {
    const throttle = newThrottle();
    for (let i = 0; i < 4; i++) await throttle.recordFailure(`user-${i}@x.test`, '10.0.0.1');
    expect(await retryAfterOf(throttle.recordFailure('user-4@x.test', '10.0.0.1'))).toBe(60);
    expect(await retryAfterOf(throttle.assertMayTry('someone@x.test', '10.0.0.1'))).toBe(59);
    expect(await retryAfterOf(throttle.assertMayTry('someone@x.test', '10.0.0.2'))).toBeNull();
  });

  it('lets through no more attempts of an account than its failures allow while they are being checked', async () => {
    const throttle = newThrottle();
    const checks = await Promise.all(
      Array.from({ length: 6 }, (_, i) => retryAfterOf(throttle.assertMayTry('a@x.test', `10.0.1.${i}`))),
    );
    expect(checks.filter((check) => check === null)).toHaveLength(3);
    // The others are held, then told to come back soon: the outcome of those let through is near.
    expect(checks.filter((check) => check === 1)).toHaveLength(3);
  });

  it('locks an account once when the failures checked side by side pass the maximum together', async () => {
    const throttle = newThrottle();
    const failures = await Promise.all(
      Array.from({ length: 5 }, (_, i) => retryAfterOf(throttle.recordFailure('a@x.test', `10.0.2.${i}`))),
    );
    expect(failures.filter((failure) => failure !== null)).toEqual([10, 10, 10]);
  });

  it('lets an account be tried again, its full number of times, once its lockout ends', async () => {
    jest.useFakeTimers();
    const throttle = newThrottle();
    for (let i = 0; i < 3; i++) {
      await throttle.assertMayTry('a@x.test', '10.0.3.1');
      await throttle.recordFailure('a@x.test', '10.0.3.1').catch(() => undefined);
    }
    jest.advanceTimersByTime(10_001);
    for (let i = 0; i < 3; i++) expect(await retryAfterOf(throttle.assertMayTry('a@x.test', '10.0.3.2'))).toBeNull();
  });

  it('stops counting an attempt whose outcome never came after a minute', async () => {
    jest.useFakeTimers();
    const throttle = newThrottle();
    // Three attempts that a server error cut short: neither a failure nor a success was recorded.
    for (let i = 0; i < 3; i++) await throttle.assertMayTry('a@x.test', '10.0.4.1');
    const refused = retryAfterOf(throttle.assertMayTry('a@x.test', '10.0.4.1'));
    await jest.advanceTimersByTimeAsync(1000);
    expect(await refused).toBe(1);

    jest.advanceTimersByTime(59_000);
    expect(await retryAfterOf(throttle.assertMayTry('a@x.test', '10.0.4.1'))).toBeNull();
  });
});
