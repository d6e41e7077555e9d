import type { VerifiedToken } from './access-token.service';
import { VerifiedTokens } from './verified-tokens';

const claims = (expiresAt: number): VerifiedToken => ({
  user: { userId: 'u1', tenantId: 't1', role: 'nurse', name: 'Nora' },
  session: { sessionId: 'sid-1', authTime: 0 },
  expiresAt,
});

describe('VerifiedTokens', () => {
  it('answers for a token until the second it expires, then forgets it', () => {
    const tokens = new VerifiedTokens(10);
    tokens.add('a', claims(100), 50);
    expect(tokens.get('a', 99)?.expiresAt).toBe(100);
    expect(tokens.get('a', 100)).toBeUndefined();
    expect(tokens.size).toBe(0);
    expect(tokens.get('b', 50)).toBeUndefined();
  });

  it('keeps at most its capacity: when full, the expired go first, then the oldest', () => {
    const tokens = new VerifiedTokens(3);
    tokens.add('old', claims(200), 0);
    tokens.add('expired', claims(100), 0);
    tokens.add('live', claims(200), 0);
    tokens.add('new', claims(200), 150);
    expect(tokens.size).toBe(3);
    expect(tokens.get('expired', 0)).toBeUndefined();
    expect(tokens.get('old', 150)).toBeDefined();

    tokens.add('newer', claims(200), 150);
    expect(tokens.size).toBe(3);
    expect(tokens.get('old', 150)).toBeUndefined();
    expect(['live', 'new', 'newer'].every((token) => tokens.get(token, 150))).toBe(true);
  });
});
