import { JwtService } from '@nestjs/jwt';
import { sign } from 'jsonwebtoken';
import { AppConfig } from '@derm/api/config';
import { AccessTokenService, TokenRejectedError } from './access-token.service';
import { AuthenticatedUser } from './authenticated-user';

const jwtConfig = { secret: 's'.repeat(32), ttlSeconds: 60, issuer: 'derm-realtime', audience: 'derm-portal', algorithm: 'HS256' as const };
const user: AuthenticatedUser = { userId: 'u1', tenantId: 't1', role: 'nurse', name: 'Nora' };

function service(): AccessTokenService {
  const { secret, issuer, audience, algorithm } = jwtConfig;
  const jwt = new JwtService({
    secret,
    signOptions: { issuer, audience, algorithm },
    verifyOptions: { issuer, audience, algorithms: [algorithm] },
  });
  return new AccessTokenService(jwt, { jwt: jwtConfig } as AppConfig);
}

const rejection = (fn: () => unknown): TokenRejectedError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenRejectedError) return error;
    throw error;
  }
  throw new Error('The token was accepted');
};

describe('AccessTokenService', () => {
  it('issues a token that verifies back to the same user and expiry', () => {
    const tokens = service();
    const { token, expiresAt } = tokens.issue(user);
    const verified = tokens.verify(token);
    expect(verified.user).toEqual(user);
    expect(new Date(verified.expiresAt * 1000).toISOString()).toBe(expiresAt);
  });

  it('tells an expired token apart from an invalid one', () => {
    const tokens = service();
    const expired = tokens.issue(user, -5).token;
    expect(rejection(() => tokens.verify(expired)).code).toBe('TOKEN_EXPIRED');
    expect(rejection(() => tokens.verify(`${tokens.issue(user).token}x`)).code).toBe('UNAUTHORIZED');
  });

  it('refuses another audience, another issuer and another algorithm', () => {
    const tokens = service();
    const claims = { sub: 'u1', tid: 't1', role: 'nurse', name: 'Nora' };
    const base = { issuer: jwtConfig.issuer, audience: jwtConfig.audience, expiresIn: 60 };
    expect(rejection(() => tokens.verify(sign(claims, jwtConfig.secret, { ...base, audience: 'other' }))).code).toBe('UNAUTHORIZED');
    expect(rejection(() => tokens.verify(sign(claims, jwtConfig.secret, { ...base, issuer: 'other' }))).code).toBe('UNAUTHORIZED');
    expect(rejection(() => tokens.verify(sign(claims, jwtConfig.secret, { ...base, algorithm: 'HS512' }))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a validly signed token without the required claims', () => {
    const tokens = service();
    const token = sign({ sub: 'u1', tid: 't1', role: 'superuser', name: 'X' }, jwtConfig.secret, {
      issuer: jwtConfig.issuer,
      audience: jwtConfig.audience,
      expiresIn: 60,
    });
    expect(rejection(() => tokens.verify(token)).code).toBe('UNAUTHORIZED');
  });
});
