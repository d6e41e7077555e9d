import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

/** How long a refusal past a budget is held before it is answered, at most. */
export const REFUSAL_HOLD_MS = 1000;

export type Spending = { ok: true } | { ok: false; retryInMs: number };

/**
 * A budget per key (a person) whose refusals are held: past it, `spend` waits up to
 * REFUSAL_HOLD_MS (less when the budget refills sooner) before it answers. A client that asks again
 * the moment it is refused then asks a few times a second, instead of keeping the server busy
 * refusing it and the other clinics waiting behind that; the wait costs a timer, not the event loop.
 */
export class Budget {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async spend(key: string): Promise<Spending> {
    try {
      await this.limiter.consume(key);
      return { ok: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const held = Math.min(rejection.msBeforeNext, REFUSAL_HOLD_MS);
      await sleep(held);
      return { ok: false, retryInMs: rejection.msBeforeNext - held };
    }
  }
}
