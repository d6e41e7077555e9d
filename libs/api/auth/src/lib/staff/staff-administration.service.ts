import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Repository } from 'typeorm';
import { Transactions } from '@derm/api/database';
import { DomainEvents } from '@derm/api/events';
import { roleMay, StaffAccount } from '@derm/shared/contracts';
import { AuthenticatedUser, toActor } from '../authenticated-user';
import { UpdateStaffDto } from '../dto/update-staff.dto';
import { revocationAfter } from '../sessions/revocation-time';
import { SessionChanges } from '../sessions/session-changes.service';
import { StaffMemberEntity } from '../staff-member.entity';
import { TenantEntity } from '../tenant.entity';
import { StaffAccountChanged } from './staff-account-changed.event';

/**
 * An admin activates, deactivates or re-roles staff of their own clinic; it applies at once, and
 * the clinic hears of it (`StaffAccountChanged`) when anything changed.
 */
@Injectable()
export class StaffAdministration {
  constructor(
    private readonly transactions: Transactions,
    private readonly changes: SessionChanges,
    private readonly events: DomainEvents,
  ) {}

  private get staff(): Repository<StaffMemberEntity> {
    return this.transactions.repository(StaffMemberEntity);
  }

  async update(admin: AuthenticatedUser, id: string, { active, role }: UpdateStaffDto): Promise<StaffAccount> {
    // The clinic must never lose its last way back in through its own admin's mistake.
    if (id === admin.userId && (active === false || (role && role !== 'admin'))) {
      throw new BadRequestException('You cannot deactivate yourself or give up your own admin role');
    }
    const account = await this.transactions.run(async () => {
      // One change to a clinic's staff at a time, each reading what the one before it committed: two
      // admins demoting or deactivating each other at once would otherwise leave the clinic no admin.
      await this.transactions.lockOne(TenantEntity, { id: admin.tenantId });
      await this.requireStillAdministers(admin);
      const member = await this.staff.findOneBy({ tenantId: admin.tenantId, id });
      if (!member) throw new NotFoundException('No such staff member in this clinic');
      const changed =
        (role !== undefined && role !== member.role) || (active !== undefined && active !== member.active);
      if (role !== undefined) member.role = role;
      if (active !== undefined && active !== member.active) {
        member.active = active;
        if (!active) member.sessionsRevokedAt = revocationAfter(member.sessionsRevokedAt);
      }
      await this.staff.save(member);
      const saved: StaffAccount = { id: member.id, name: member.name, role: member.role, active: member.active };
      if (changed) this.events.publish(new StaffAccountChanged(member.tenantId, toActor(admin), saved));
      return saved;
    });
    // Other nodes hear of it over Redis, so only once it has committed; an inactive account's
    // sessions have all ended, and the admin is answered once no node holds one of their sockets.
    await this.changes.announce({ tenantId: admin.tenantId, userId: account.id, ended: !account.active });
    return account;
  }

  /** The admin's account as committed now: another admin may have just demoted or deactivated it. */
  private async requireStillAdministers(admin: AuthenticatedUser): Promise<void> {
    const actor = await this.staff.findOneBy({ tenantId: admin.tenantId, id: admin.userId });
    if (!actor?.active) throw new UnauthorizedException('The account has been deactivated');
    if (!roleMay(actor.role, 'staff:administer')) {
      throw new ForbiddenException(`The ${actor.role} role may not do this (staff:administer)`);
    }
  }
}
