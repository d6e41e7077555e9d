import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AccessTokenClaims, STAFF_ROLES } from '@derm/shared/contracts';
import { AppConfig } from '@derm/api/config';
import { AuthenticatedUser } from './authenticated-user';
import { VerifiedTokens } from './verified-tokens';

export type TokenRejection = 'UNAUTHORIZED' | 'TOKEN_EXPIRED' | 'REVOKED' | 'TENANT_INVALID';

export class TokenRejectedError extends Error {
  constructor(
    readonly code: TokenRejection,
    message: string,
  ) {
    super(message);
  }
}

/** One sign-in: every token refreshed from it carries the same id and sign-in time. */
export interface SignInSession {
  sessionId: string;
  /** When the session signed in, seconds since the epoch. */
  authTime: number;
}

export interface VerifiedToken {
  user: AuthenticatedUser;
  session: SignInSession;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isWholeNumber = (value: unknown): value is number => Number.isInteger(value);
/** Live tokens remembered as verified: a few megabytes at most. */
const VERIFIED_TOKENS_KEPT = 20_000;

/** Issues and verifies access tokens; the algorithm, issuer and audience are pinned. */
@Injectable()
export class AccessTokenService {
  private readonly verified = new VerifiedTokens(VERIFIED_TOKENS_KEPT);

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A token for one session. Its lifetime never reaches past the session's absolute end, so a
   * chain of refreshes cannot outlive `SESSION_MAX_AGE`.
   */
  issue(
    user: AuthenticatedUser,
    { sessionId, authTime }: SignInSession,
    ttlSeconds = this.config.jwt.ttlSeconds,
  ): { token: string; expiresAt: string } {
    const lifetime = Math.min(ttlSeconds, this.sessionEndOf(authTime) - nowInSeconds());
    if (lifetime <= 0) {
      throw new TokenRejectedError('TOKEN_EXPIRED', 'The session has reached its maximum age; sign in again');
    }
    const payload = {
      sub: user.userId,
      tid: user.tenantId,
      role: user.role,
      name: user.name,
      sid: sessionId,
      auth_time: authTime,
    };
    const token = this.jwt.sign(payload, { expiresIn: lifetime });
    const { exp } = this.jwt.decode<AccessTokenClaims>(token);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Seconds since the epoch after which a session signed in at `authTime` cannot be refreshed. */
  sessionEndOf(authTime: number): number {
    return authTime + this.config.jwt.sessionMaxAgeSeconds;
  }

  /** The token's claims, once its signature, issuer, audience, expiry and claims hold. Throws TokenRejectedError. */
  verify(token: string): VerifiedToken {
    const now = nowInSeconds();
    const known = this.verified.get(token, now);
    if (known) return known;
    const verified = this.check(token);
    this.verified.add(token, verified, now);
    return verified;
  }

  private check(token: string): VerifiedToken {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new TokenRejectedError('TOKEN_EXPIRED', 'The access token has expired');
      }
      throw new TokenRejectedError('UNAUTHORIZED', 'The access token is not valid');
    }
    const { sub, tid, role, name, sid, exp, auth_time } = claims;
    // A token without `exp` would never end; one without `sid` could never be revoked.
    if (
      !isNonEmptyString(sub) ||
      !isNonEmptyString(tid) ||
      !isNonEmptyString(name) ||
      !isNonEmptyString(sid) ||
      !isWholeNumber(exp) ||
      !isWholeNumber(auth_time) ||
      !role ||
      !STAFF_ROLES.includes(role)
    ) {
      throw new TokenRejectedError('UNAUTHORIZED', 'The access token lacks required claims');
    }
    // Shared by every later use of the same token, so nobody may change it.
    return Object.freeze({
      user: Object.freeze({ userId: sub, tenantId: tid, role, name }),
      session: Object.freeze({ sessionId: sid, authTime: auth_time }),
      expiresAt: exp,
    });
  }
}
