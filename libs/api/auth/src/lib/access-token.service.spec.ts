import { JwtService } from '@nestjs/jwt';
import { sign } from 'jsonwebtoken';
import { AppConfig } from '@derm/api/config';
import { AccessTokenService, nowInSeconds, SignInSession, TokenRejectedError } from './access-token.service';
import { AuthenticatedUser } from './authenticated-user';
import { TEST_JWT_CONFIG as jwtConfig } from './sessions/session-checker.fakes';

const user: AuthenticatedUser = { userId: 'u1', tenantId: 't1', role: 'nurse', name: 'Nora' };
const signIn = (authTime = nowInSeconds()): SignInSession => ({ sessionId: 'sid-1', authTime });
const signed = (claims: object, expiresIn?: number) =>
  sign(claims, jwtConfig.secret, {
    issuer: jwtConfig.issuer,
    audience: jwtConfig.audience,
    ...(expiresIn === undefined ? {} : { expiresIn }),
  });

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
  it('issues a token that verifies back to the same user, session and expiry', () => {
    const tokens = service();
    const session = signIn();
    const { token, expiresAt } = tokens.issue(user, session);
    const verified = tokens.verify(token);
    expect(verified.user).toEqual(user);
    expect(verified.session).toEqual(session);
    expect(new Date(verified.expiresAt * 1000).toISOString()).toBe(expiresAt);
  });

  it('never issues a token that outlives the session', () => {
    const tokens = service();
    const nearTheEnd = signIn(nowInSeconds() - 3600 + 10);
    const verified = tokens.verify(tokens.issue(user, nearTheEnd).token);
    expect(verified.expiresAt).toBeLessThanOrEqual(nearTheEnd.authTime + 3600);
    expect(rejection(() => tokens.issue(user, signIn(nowInSeconds() - 3600))).code).toBe('TOKEN_EXPIRED');
  });

  it('tells an expired token apart from an invalid one', () => {
    const tokens = service();
    const claims = { sub: 'u1', tid: 't1', role: 'nurse', name: 'Nora', sid: 'sid-1', auth_time: nowInSeconds() };
    expect(rejection(() => tokens.verify(signed(claims, -5))).code).toBe('TOKEN_EXPIRED');
    expect(rejection(() => tokens.verify(`${tokens.issue(user, signIn()).token}x`)).code).toBe('UNAUTHORIZED');
  });

  it('checks a token once, then answers from what it verified, until the token expires', () => {
    jest.useFakeTimers({ now: Date.now() });
    const checks = jest.spyOn(JwtService.prototype, 'verify');
    try {
      const tokens = service();
      const { token } = tokens.issue(user, signIn(), 60);
      const first = tokens.verify(token);
      expect(tokens.verify(token)).toEqual(first);
      expect(checks).toHaveBeenCalledTimes(1);

      jest.setSystemTime(Date.now() + 60_000);
      expect(rejection(() => tokens.verify(token)).code).toBe('TOKEN_EXPIRED');
      expect(checks).toHaveBeenCalledTimes(2);
    } finally {
      checks.mockRestore();
      jest.useRealTimers();
    }
  });

  it('remembers no refused token: one a character apart from a verified one is checked, and refused, every time', () => {
    const checks = jest.spyOn(JwtService.prototype, 'verify');
    try {
      const tokens = service();
      const { token } = tokens.issue(user, signIn());
      tokens.verify(token);
      expect(rejection(() => tokens.verify(`${token}x`)).code).toBe('UNAUTHORIZED');
      expect(rejection(() => tokens.verify(`${token}x`)).code).toBe('UNAUTHORIZED');
      expect(checks).toHaveBeenCalledTimes(3);
    } finally {
      checks.mockRestore();
    }
  });

  it('answers with claims no caller can change, since later uses of the token share them', () => {
    const tokens = service();
    const { token } = tokens.issue(user, signIn());
    const verified = tokens.verify(token);
    expect(() => Object.assign(verified.user, { role: 'admin' })).toThrow(TypeError);
    expect(tokens.verify(token).user.role).toBe('nurse');
  });

  it('refuses a token without an expiry or a session', () => {
    const tokens = service();
    const claims = { sub: 'u1', tid: 't1', role: 'nurse', name: 'Nora', sid: 'sid-1', auth_time: nowInSeconds() };
    expect(tokens.verify(signed(claims, 60)).user).toEqual(user);
    expect(rejection(() => tokens.verify(signed(claims))).code).toBe('UNAUTHORIZED');
    expect(rejection(() => tokens.verify(signed({ ...claims, sid: undefined }, 60))).code).toBe('UNAUTHORIZED');
    expect(rejection(() => tokens.verify(signed({ ...claims, auth_time: undefined }, 60))).code).toBe('UNAUTHORIZED');
  });

  it('refuses another audience, another issuer and another algorithm', () => {
    const tokens = service();
    const claims = { sub: 'u1', tid: 't1', role: 'nurse', name: 'Nora' };
    const base = { issuer: jwtConfig.issuer, audience: jwtConfig.audience, expiresIn: 60 };
    expect(rejection(() => tokens.verify(sign(claims, jwtConfig.secret, { ...base, audience: 'other' }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(rejection(() => tokens.verify(sign(claims, jwtConfig.secret, { ...base, issuer: 'other' }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(rejection(() => tokens.verify(sign(claims, jwtConfig.secret, { ...base, algorithm: 'HS512' }))).code).toBe(
      'UNAUTHORIZED',
    );
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
