import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AccessTokenClaims, STAFF_ROLES } from '@derm/shared/contracts';
import { AppConfig } from '@derm/api/config';
import { AuthenticatedUser } from './authenticated-user';

export type TokenRejection = 'UNAUTHORIZED' | 'TOKEN_EXPIRED';

export class TokenRejectedError extends Error {
  constructor(readonly code: TokenRejection, message: string) {
    super(message);
  }
}

export interface VerifiedToken {
  user: AuthenticatedUser;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** Issues and verifies access tokens; the algorithm, issuer and audience are pinned. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issue(user: AuthenticatedUser, ttlSeconds = this.config.jwt.ttlSeconds): { token: string; expiresAt: string } {
    const payload = { sub: user.userId, tid: user.tenantId, role: user.role, name: user.name };
    const token = this.jwt.sign(payload, { expiresIn: ttlSeconds });
    const { exp } = this.jwt.decode<AccessTokenClaims>(token);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  verify(token: string): VerifiedToken {
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new TokenRejectedError('TOKEN_EXPIRED', 'The access token has expired');
      }
      throw new TokenRejectedError('UNAUTHORIZED', 'The access token is not valid');
    }
    const { sub, tid, role, name, exp } = claims;
    if (![sub, tid, name].every((v) => typeof v === 'string' && v) || !STAFF_ROLES.includes(role)) {
      throw new TokenRejectedError('UNAUTHORIZED', 'The access token lacks required claims');
    }
    return { user: { userId: sub, tenantId: tid, role, name }, expiresAt: exp };
  }
}
