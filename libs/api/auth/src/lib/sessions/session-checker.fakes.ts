import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@derm/api/config';
import { DomainEvents } from '@derm/api/events';
import { ClusterNode } from '@derm/api/redis';
import { AccessTokenService, nowInSeconds, SignInSession } from '../access-token.service';
import { Account, AccountDirectory } from '../accounts/account-directory.service';
import { AuthenticatedUser } from '../authenticated-user';
import { TenantDirectory } from '../tenant-directory.service';
import { RevokedSessions } from './revoked-sessions.service';
import { SessionChanges } from './session-changes.service';
import { SessionChecker } from './session-checker.service';

/** The token settings of the auth library's specs. */
export const TEST_JWT_CONFIG = {
  secret: 's'.repeat(32),
  ttlSeconds: 60,
  sessionMaxAgeSeconds: 3600,
  issuer: 'derm-realtime',
  audience: 'derm-portal',
  algorithm: 'HS256' as const,
};

/** A SessionChecker over real tokens and in-memory clinics, accounts and revocations. */
const jwt = TEST_JWT_CONFIG;

export function sessionCheckerWorld() {
  const tokens = new AccessTokenService(
    new JwtService({
      secret: jwt.secret,
      signOptions: { issuer: jwt.issuer, audience: jwt.audience, algorithm: jwt.algorithm },
      verifyOptions: { issuer: jwt.issuer, audience: jwt.audience, algorithms: [jwt.algorithm] },
    }),
    { jwt } as AppConfig,
  );
  const activeTenants = new Set(['t1']);
  const accounts = new Map<string, Account>();
  const revoked = new Set<string>();
  const accountDirectory = {
    find: async (_tenantId: string, userId: string) => accounts.get(userId),
    forget: () => undefined,
  } as unknown as AccountDirectory;
  const revokedSessions = {
    isRevoked: async (sessionId: string) => revoked.has(sessionId),
    forget: () => undefined,
  } as unknown as RevokedSessions;
  // One node without Redis: `changes.announce` applies a change here only.
  const changes = new SessionChanges(
    accountDirectory,
    revokedSessions,
    { publish: () => undefined } as unknown as DomainEvents,
    {} as ClusterNode,
    null,
  );
  const checker = new SessionChecker(
    tokens,
    { isActive: async (tenantId: string) => activeTenants.has(tenantId) } as TenantDirectory,
    accountDirectory,
    revokedSessions,
    changes,
  );
  const addAccount = (user: AuthenticatedUser, changes: Partial<Account> = {}) =>
    accounts.set(user.userId, { ...user, active: true, sessionsRevokedAt: null, ...changes });
  const signIn = (user: AuthenticatedUser): { token: string; session: SignInSession } => {
    const session = { sessionId: `sid-${user.userId}-${accounts.size}`, authTime: nowInSeconds() };
    return { token: tokens.issue(user, session).token, session };
  };
  return { checker, changes, tokens, activeTenants, accounts, revoked, addAccount, signIn };
}
