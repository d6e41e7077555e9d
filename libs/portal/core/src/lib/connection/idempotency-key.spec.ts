import { IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';
import { newIdempotencyKey } from './idempotency-key';

describe('newIdempotencyKey', () => {
  it('makes keys the API accepts, a different one each time', () => {
    const keys = Array.from({ length: 50 }, () => newIdempotencyKey());
    keys.forEach((key) => expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
