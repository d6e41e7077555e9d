import { Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '@derm/api/config';
import { holdRefusal, RateLimiters } from '@derm/api/redis';
import { TooManyRequestsException } from '../http/too-many-requests.exception';

/** Lockouts of one account are remembered this long, so that each one lasts longer than the last. */
const LOCKOUT_MEMORY_SECONDS = 24 * 60 * 60;
const TOO_MANY_ATTEMPTS = 'Too many failed sign-ins; try again later';

/**
 * How long an attempt counts from its start when neither its failure nor its success is recorded
 * (a server error cut it short): far longer than an attempt waits for its hash, and short enough
 * that such errors do not keep the account refused for the whole failure window.
 */
const ATTEMPT_MEMORY_SECONDS = 60;
/** A refused attempt while the account's last allowed ones are still being checked: their outcome is near. */
const ATTEMPTS_PENDING_MS = 1000;

/**
 * Failed sign-ins are counted per account (its email, known or not, so a lockout tells nothing)
 * and per client address. SIGNIN_ACCOUNT_MAX_FAILURES failures lock the account for
 * SIGNIN_LOCKOUT_SECONDS, doubling with each further lockout within a day up to
 * SIGNIN_LOCKOUT_MAX_SECONDS; an address is refused once it reaches SIGNIN_ADDRESS_MAX_FAILURES.
 * A successful sign-in clears the account's counts. Counters are shared by every node with REDIS_URL.
 *
 * Attempts sent at once are all checked before any of them has failed, so an account's attempts
 * are also counted as they start: no more than SIGNIN_ACCOUNT_MAX_FAILURES of them are checked at
 * a time however many arrive together, and only the failure that reaches the maximum locks it
 * (once, not once per attempt in flight). An address's attempts are checked
 * one after another (`RestTurnGuard`), so its count is always up to date when the next is checked.
 */
@Injectable()
export class SignInThrottle {
  private readonly accountFailures: RateLimiterAbstract;
  /** Attempts of an account since its last success or lockout, counted as they start (see below). */
  private readonly accountAttempts: RateLimiterAbstract;
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
    this.accountAttempts = limiters.create({
      name: 'signin-account-attempts',
      points: accountMaxFailures,
      durationSeconds: ATTEMPT_MEMORY_SECONDS,
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
   * Refuses, before any hashing, an account that is locked or an address that failed too often,
   * and an attempt past the account's allowed ones while those are still being checked; the
   * refusal is held first, so a script guessing passwords cannot spin on it.
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
    const { consumedPoints: attempt } = await this.accountAttempts.penalty(account);
    if (attempt > this.accountAttempts.points) {
      await this.accountAttempts.reward(account);
      throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, await holdRefusal(ATTEMPTS_PENDING_MS));
    }
  }

  /** Counts a failure; throws 429 when this one locks the account or exhausts the address. */
  async recordFailure(account: string, address: string): Promise<void> {
    const [forAccount, forAddress] = await Promise.all([
      this.accountFailures.penalty(account),
      this.addressFailures.penalty(address),
    ]);
    // Exactly one failure reaches the maximum; those checked alongside it find the account locked.
    if (forAccount.consumedPoints === this.accountFailures.points) {
      const lockoutSeconds = await this.lockOut(account);
      throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, lockoutSeconds * 1000);
    }
    if (forAccount.consumedPoints > this.accountFailures.points) {
      // Counted before that failure's lockout began, its window may still be the failures' own.
      const lockouts = await this.lockouts.get(account);
      throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, this.lockoutSeconds(lockouts?.consumedPoints ?? 1) * 1000);
    }
    if (forAddress.consumedPoints >= this.addressFailures.points) {
      throw new TooManyRequestsException(TOO_MANY_ATTEMPTS, forAddress.msBeforeNext);
    }
  }

  async recordSuccess(account: string): Promise<void> {
    await Promise.all([
      this.accountFailures.delete(account),
      this.accountAttempts.delete(account),
      this.lockouts.delete(account),
    ]);
  }

  private async lockOut(account: string): Promise<number> {
    const { consumedPoints: lockoutsToday } = await this.lockouts.penalty(account);
    const seconds = this.lockoutSeconds(lockoutsToday);
    // The attempts start over when the lockout ends, as the failures do.
    await Promise.all([this.accountFailures.block(account, seconds), this.accountAttempts.delete(account)]);
    return seconds;
  }

  private lockoutSeconds(lockoutsToday: number): number {
    const { lockoutSeconds, lockoutMaxSeconds } = this.config.signIn;
    return Math.min(lockoutSeconds * 2 ** (Math.max(lockoutsToday, 1) - 1), lockoutMaxSeconds);
  }
}
