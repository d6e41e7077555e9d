import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Budget } from './budget';

describe('Budget', () => {
  const budgetOf = (points: number) => new Budget(new RateLimiterMemory({ points, duration: 60 }));

  it('peeks without spending: a key is refused once it has spent its points, and only then', async () => {
    const budget = budgetOf(2);
    expect(await budget.peek('a')).toEqual({ ok: true });
    expect(await budget.spend('a')).toEqual({ ok: true });
    expect(await budget.peek('a')).toEqual({ ok: true });
    expect(await budget.peek('a')).toEqual({ ok: true });
    expect(await budget.spend('a')).toEqual({ ok: true });

    const peeked = await budget.peek('a');
    expect(peeked).toEqual({ ok: false, retryInMs: expect.any(Number) });
    // Held for up to a second of the wait, as a spend past the budget is: what is left is to be waited.
    expect(peeked.ok === false && peeked.retryInMs).toBeGreaterThan(50_000);
    expect(peeked.ok === false && peeked.retryInMs).toBeLessThanOrEqual(59_000);
    expect(await budget.peek('b')).toEqual({ ok: true });
  });
});
