import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffRole } from '@derm/shared/contracts';
import { ExpiringCache } from '../sessions/expiring-cache';
import { StaffMemberEntity } from '../staff-member.entity';

/** What every request and command checks about the person behind a token, as it is now. */
export interface Account {
  userId: string;
  tenantId: string;
  name: string;
  role: StaffRole;
  active: boolean;
  /** Sessions signed in at or before this (seconds since the epoch) are revoked. */
  sessionsRevokedAt: number | null;
}

const BACKSTOP_LIFETIME_MS = 60_000;

/** Accounts by id, cached per node and forgotten on every node when one changes. */
@Injectable()
export class AccountDirectory {
  private readonly cache = new ExpiringCache<Account | undefined>(BACKSTOP_LIFETIME_MS);

  constructor(@InjectRepository(StaffMemberEntity) private readonly staff: Repository<StaffMemberEntity>) {}

  find(tenantId: string, userId: string): Promise<Account | undefined> {
    return this.cache.get(`${tenantId}:${userId}`, async () => {
      const row = await this.staff.findOneBy({ tenantId, id: userId });
      return row ? toAccount(row) : undefined;
    });
  }

  forget(tenantId: string, userId: string): void {
    this.cache.forget(`${tenantId}:${userId}`);
  }
}

function toAccount(row: StaffMemberEntity): Account {
  return {
    userId: row.id,
    tenantId: row.tenantId,
    name: row.name,
    role: row.role,
    active: row.active,
    sessionsRevokedAt: row.sessionsRevokedAt ? Math.floor(row.sessionsRevokedAt.getTime() / 1000) : null,
  };
}
