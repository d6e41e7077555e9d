import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../accounts/account-directory.service';
import { AccessTokenService, SignInSession, TokenRejectedError, VerifiedToken } from '../access-token.service';
import { AuthenticatedUser } from '../authenticated-user';
import { TenantDirectory } from '../tenant-directory.service';
import { RevokedSessions } from './revoked-sessions.service';
import { SessionChanges } from './session-changes.service';

/**
 * A verified token of a live session, and `changesSeen`: the person's session changes this node
 * had applied before anything was looked up, for `changedSince`.
 */
export interface AuthenticatedSession extends VerifiedToken {
  changesSeen: number;
}

/**
 * The one answer to "may this session act now?", asked by the REST guard, the handshake, socket
 * recovery and every socket command: the token verifies, the clinic is active, the account
 * exists and is active, and the session is not revoked. Role and name come from the account as
 * it is now, not from the token, so a role change applies at once.
 */
@Injectable()
export class SessionChecker {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly tenants: TenantDirectory,
    private readonly accounts: AccountDirectory,
    private readonly revoked: RevokedSessions,
    private readonly changes: SessionChanges,
  ) {}

  /** Throws TokenRejectedError. */
  async authenticate(token: string): Promise<AuthenticatedSession> {
    const verified = this.tokens.verify(token);
    const changesSeen = this.changes.appliedTo(verified.user);
    return { ...verified, user: await this.recheck(verified.user, verified.session), changesSeen };
  }

  /**
   * Whether a sign-out or account change of this person was applied on this node after
   * `authenticate` answered with `changesSeen`. The answer may then have been read before the
   * change committed, and what lives on after it (a connection) must be checked again.
   */
  changedSince(user: AuthenticatedUser, changesSeen: number): boolean {
    return this.changes.changedSince(user, changesSeen);
  }

  /** Whether such a change ended the session `sessionId` (signed out, or the account deactivated). */
  endedSince(user: AuthenticatedUser, sessionId: string, changesSeen: number): boolean {
    return this.changes.endedSince(user, sessionId, changesSeen);
  }

  /** For a session verified earlier (a live socket): is it still allowed, and as whom? */
  async recheck(user: AuthenticatedUser, { sessionId, authTime }: SignInSession): Promise<AuthenticatedUser> {
    if (!(await this.tenants.isActive(user.tenantId))) {
      throw new TokenRejectedError('TENANT_INVALID', 'The clinic is unknown or suspended');
    }
    const account = await this.accounts.find(user.tenantId, user.userId);
    if (!account) throw new TokenRejectedError('UNAUTHORIZED', 'The account no longer exists');
    if (!account.active) throw new TokenRejectedError('REVOKED', 'The account has been deactivated');
    if (account.sessionsRevokedAt !== null && authTime <= account.sessionsRevokedAt) {
      throw new TokenRejectedError('REVOKED', 'The session was ended when the account was deactivated');
    }
    if (await this.revoked.isRevoked(sessionId)) {
      throw new TokenRejectedError('REVOKED', 'The session has been signed out');
    }
    return { ...user, role: account.role, name: account.name };
  }
}
