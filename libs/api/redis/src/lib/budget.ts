import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

/** How long a refusal past a budget is held before it is answered, at most. */
export const REFUSAL_HOLD_MS = 1000;

export type Spending = { ok: true } | { ok: false; retryInMs: number };

/**
 * Holds a refusal before it is answered: waits up to REFUSAL_HOLD_MS of the `retryInMs` the client
 * must wait anyway, and resolves with what is left of it. A client that asks again the moment it is
 * refused then asks a few times a second, instead of keeping the server busy refusing it and the
 * other clinics waiting behind that; the wait costs a timer, not the event loop.
 */
export async function holdRefusal(retryInMs: number): Promise<number> {
  const held = Math.min(retryInMs, REFUSAL_HOLD_MS);
  await sleep(held);
  return retryInMs - held;
}

/** A budget per key (a person) whose refusals are held (`holdRefusal`). */
export class Budget {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async spend(key: string): Promise<Spending> {
    try {
      await this.limiter.consume(key);
      return { ok: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { ok: false, retryInMs: await holdRefusal(rejection.msBeforeNext) };
    }
  }

  /**
   * Whether a spend would be refused, without spending: the key has spent every point of its
   * window. Refused, it is held as a spend would be. For a refusal that must come before the
   * request costs anything (its body read), where spending would count a request not yet refused.
   */
  async peek(key: string): Promise<Spending> {
    const spent = await this.limiter.get(key);
    if (!spent || spent.consumedPoints < this.limiter.points) return { ok: true };
    return { ok: false, retryInMs: await holdRefusal(spent.msBeforeNext) };
  }
}
