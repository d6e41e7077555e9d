import { revocationAfter, signInTimeAfter } from './revocation-time';

const atSecond = (s: number) => new Date(s * 1000);

describe('revocation and sign-in times', () => {
  afterEach(() => jest.useRealTimers());

  it('revokes, in the same second, a sign-in made after a reactivation of that second', () => {
    jest.useFakeTimers({ now: atSecond(1000).getTime() + 100 });
    const first = revocationAfter(null);
    const signedInAt = signInTimeAfter(first);
    jest.advanceTimersByTime(200);
    const again = revocationAfter(first);
    const signedInAgainAt = signInTimeAfter(again);

    expect(signedInAt).toBe(1001);
    expect(again.getTime() / 1000).toBeGreaterThanOrEqual(signedInAt);
    expect(signedInAgainAt).toBeGreaterThan(again.getTime() / 1000);
  });

  it('takes the current time once the last revocation is past', () => {
    jest.useFakeTimers({ now: atSecond(2000).getTime() + 300 });
    expect(revocationAfter(atSecond(1000)).getTime()).toBe(atSecond(2000).getTime() + 300);
    expect(signInTimeAfter(atSecond(1000))).toBe(2000);
  });
});
