import { Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '@derm/api/config';
import { holdRefusal, RateLimiters } from '@derm/api/redis';
import { TooManyRequestsException } from '../http/too-many-requests.exception';

/** Lockouts of one account are remembered this long, so that each one lasts longer than the last. */
const LOCKOUT_MEMORY_SECONDS = 24 * 60 * 60;
const TOO_MANY_ATTEMPTS = 'Too many failed sign-ins; try again later';

/**
 * Failed sign-ins are counted per account (its email, known or not, so a lockout tells nothing)
 * and per client address. SIGNIN_ACCOUNT_MAX_FAILURES failures lock the account for
 * SIGNIN_LOCKOUT_SECONDS, doubling with each further lockout within a day up to
 * SIGNIN_LOCKOUT_MAX_SECONDS; an address is refused once it reaches SIGNIN_ADDRESS_MAX_FAILURES.
 * A successful sign-in clears the account's counts. Counters are shared by every node with REDIS_URL.
 */
@Injectable()
export class SignInThrottle {
  private readonly accountFailures: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;
  private readonly lockouts: RateLimiterAbstract;

  constructor(
    private readonly config: AppConfig,
    limiters: RateLimiters,
  ) {
    const { accountMaxFailures, addressMaxFailures, failureWindowSeconds } = config.signIn;
    this.accountFailures = limiters.create({
      name: 'signin-account',
      points: accountMaxFailures,
      durationSeconds: failureWindowSeconds,
    });
    this.addressFailures = limiters.create({
      name: 'signin-address',
      points: addressMaxFailures,
      durationSeconds: failureWindowSeconds,
    });
    this.lockouts = limiters.create({
      name: 'signin-lockouts',
      points: Number.MAX_SAFE_INTEGER,
      durationSeconds: LOCKOUT_MEMORY_SECONDS,
    });
  }

  /**
   * Refuses, before any hashing, an account that is locked or an address that failed too often;
   * the refusal is held first, so a script guessing passwords cannot spin on it.
   */
  async assertMayTry(account: string, address: string): Promise<void> {
    const [forAccount, forAddress] = await Promise.all([
      this.accountFailures.get(account),
      this.addressFailures.get(address),
    ]);
    const waits = [
      forAccount && forAccount.consumedPoints >= this.accountFailures.points ? forAccount.msBeforeNext : 0,
      forAddress && forAddress.consumedPoints >= this.addressFailures.points ? forAddress.msBeforeNext : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, await holdRefusal(wait));
  }

  /** Counts a failure; throws 429 when this one locks the account or exhausts the address. */
  async recordFailure(account: string, address: string): Promise<void> {
    const [forAccount, forAddress] = await Promise.all([
      this.accountFailures.penalty(account),
      this.addressFailures.penalty(address),
    ]);
    if (forAccount.consumedPoints >= this.accountFailures.points) {
      const lockoutSeconds = await this.lockOut(account);
      throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, lockoutSeconds * 1000);
    }
    if (forAddress.consumedPoints >= this.addressFailures.points) {
      throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, forAddress.msBeforeNext);
    }
  }

  async recordSuccess(account: string): Promise<void> {
    await Promise.all([this.accountFailures.delete(account), this.lockouts.delete(account)]);
  }

  private async lockOut(account: string): Promise<number> {
    const { lockoutSeconds, lockoutMaxSeconds } = this.config.signIn;
    const { consumedPoints: lockoutsToday } = await this.lockouts.penalty(account);
    const seconds = Math.min(lockoutSeconds * 2 ** (lockoutsToday - 1), lockoutMaxSeconds);
    await this.accountFailures.block(account, seconds);
    return seconds;
  }
}
