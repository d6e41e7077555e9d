import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { LoginResponse } from '@derm/shared/contracts';
import { AccessTokenService, SignInSession, TokenRejectedError } from './access-token.service';
import { AuthenticatedUser } from './authenticated-user';
import { StaffMemberEntity } from './staff-member.entity';
import { TenantDirectory } from './tenant-directory.service';
import { LoginDto } from './dto/login.dto';
import { signInTimeAfter } from './sessions/revocation-time';
import { RevokedSessions } from './sessions/revoked-sessions.service';
import { SessionChanges } from './sessions/session-changes.service';
import { PasswordHasher } from './sign-in/password-hasher.service';
import { SignInThrottle } from './sign-in/sign-in-throttle.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(StaffMemberEntity) private readonly staff: Repository<StaffMemberEntity>,
    private readonly tokens: AccessTokenService,
    private readonly tenants: TenantDirectory,
    private readonly revoked: RevokedSessions,
    private readonly changes: SessionChanges,
    private readonly passwords: PasswordHasher,
    private readonly throttle: SignInThrottle,
  ) {}

  /**
   * A new session: its own id, so it can be signed out without touching the person's others.
   * Throttled per account and per client `address` (429 with Retry-After); every attempt that
   * gets past the throttle costs one password hash, whether or not the email exists.
   */
  async login({ email, password }: LoginDto, address: string): Promise<LoginResponse> {
    const account = email.toLowerCase();
    await this.throttle.assertMayTry(account, address);
    const known = await this.staff.findOneBy({ email: account });
    const valid = await this.passwords.verify(known?.passwordHash, password);
    // Read again once the password is checked, which may have waited its turn: a deactivation
    // committed meanwhile would otherwise not revoke this sign-in, which a reactivation would revive.
    const member = valid && known ? await this.staff.findOneBy({ id: known.id }) : null;
    // One answer for unknown email, wrong password, inactive account and suspended clinic.
    if (!member || !member.active || !(await this.tenants.isActive(member.tenantId))) {
      await this.throttle.recordFailure(account, address);
      throw new UnauthorizedException('Email or password is incorrect');
    }
    await this.throttle.recordSuccess(account);
    if (this.passwords.needsUpgrade(member.passwordHash)) {
      await this.staff.update({ id: member.id }, { passwordHash: await this.passwords.hash(password) });
    }
    return this.sessionFor(member, { sessionId: randomUUID(), authTime: signInTimeAfter(member.sessionsRevokedAt) });
  }

  /**
   * A new token for the same session, with the person's current name and role. The guard has
   * already checked that the session is live; its absolute end still bounds the new token.
   */
  async refresh(user: AuthenticatedUser, session: SignInSession): Promise<LoginResponse> {
    const member = await this.staff.findOneBy({ id: user.userId, tenantId: user.tenantId });
    if (!member) throw new UnauthorizedException('The account no longer exists');
    return this.sessionFor(member, session);
  }

  /** Ends this session everywhere: its tokens are refused and its sockets closed, on every node. */
  async logout(user: AuthenticatedUser, { sessionId, authTime }: SignInSession): Promise<void> {
    const { tenantId, userId } = user;
    const expiresAt = new Date(this.tokens.sessionEndOf(authTime) * 1000);
    await this.revoked.revoke({ sessionId, tenantId, userId, expiresAt });
    await this.changes.announce({ tenantId, userId, sessionId, ended: true });
  }

  private async sessionFor(member: StaffMemberEntity, session: SignInSession): Promise<LoginResponse> {
    const { id, tenantId, role, name } = member;
    let issued;
    try {
      issued = this.tokens.issue({ userId: id, tenantId, role, name }, session);
    } catch (error) {
      if (error instanceof TokenRejectedError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const tenantName = (await this.tenants.nameOf(tenantId)) ?? '';
    const timeZone = await this.tenants.timeZoneOf(tenantId);
    return {
      accessToken: issued.token,
      expiresAt: issued.expiresAt,
      user: { id, name, role, email: member.email, tenantId, tenantName, timeZone },
    };
  }
}
