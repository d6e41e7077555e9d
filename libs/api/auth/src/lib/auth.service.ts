import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { compare } from 'bcryptjs';
import { Repository } from 'typeorm';
import { LoginResponse } from '@derm/shared/contracts';
import { AccessTokenService } from './access-token.service';
import { AuthenticatedUser } from './authenticated-user';
import { StaffMemberEntity } from './staff-member.entity';
import { TenantDirectory } from './tenant-directory.service';
import { LoginDto } from './dto/login.dto';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(StaffMemberEntity) private readonly staff: Repository<StaffMemberEntity>,
    private readonly tokens: AccessTokenService,
    private readonly tenants: TenantDirectory,
  ) {}

  async login({ email, password }: LoginDto): Promise<LoginResponse> {
    const member = await this.staff.findOneBy({ email: email.toLowerCase() });
    const valid = member ? await compare(password, member.passwordHash) : false;
    // One answer for unknown email, wrong password and suspended clinic: nothing to enumerate.
    if (!member || !valid || !(await this.tenants.isActive(member.tenantId))) {
      throw new UnauthorizedException('Email or password is incorrect');
    }
    return this.sessionFor(member);
  }

  /** A new token for a signed-in user, with their current name and role. */
  async refresh(user: AuthenticatedUser): Promise<LoginResponse> {
    const member = await this.staff.findOneBy({ id: user.userId, tenantId: user.tenantId });
    if (!member) throw new UnauthorizedException('The account no longer exists');
    return this.sessionFor(member);
  }

  private async sessionFor(member: StaffMemberEntity): Promise<LoginResponse> {
    const { id, tenantId, role, name } = member;
    const { token, expiresAt } = this.tokens.issue({ userId: id, tenantId, role, name });
    const tenantName = (await this.tenants.nameOf(tenantId)) ?? '';
    return {
      accessToken: token,
      expiresAt,
      user: { id, name, role, email: member.email, tenantId, tenantName },
    };
  }
}
