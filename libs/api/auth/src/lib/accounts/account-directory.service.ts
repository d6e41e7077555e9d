import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { gatheredReads } from '@derm/api/database';
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
/** Bounds the statement's list of ids. */
const MAX_ACCOUNTS_PER_QUERY = 500;

interface AccountKey {
  tenantId: string;
  userId: string;
}

/**
 * Accounts by id, cached per node and forgotten on every node when one changes. The accounts not
 * cached yet are read together for the connections of a moment (`gatheredReads`).
 */
@Injectable()
export class AccountDirectory {
  private readonly cache = new ExpiringCache<Account | undefined>(BACKSTOP_LIFETIME_MS);
  private readonly uncached = gatheredReads<AccountKey, Account | undefined>(
    (keys) => this.read(keys),
    MAX_ACCOUNTS_PER_QUERY,
  );

  constructor(@InjectRepository(StaffMemberEntity) private readonly staff: Repository<StaffMemberEntity>) {}

  find(tenantId: string, userId: string): Promise<Account | undefined> {
    return this.cache.get(`${tenantId}:${userId}`, () => this.uncached({ tenantId, userId }));
  }

  forget(tenantId: string, userId: string): void {
    this.cache.forget(`${tenantId}:${userId}`);
  }

  /** Ids are unique across clinics; an id presented under another clinic finds nothing. */
  private async read(keys: readonly AccountKey[]): Promise<(Account | undefined)[]> {
    const rows = await this.staff.findBy({ id: In([...new Set(keys.map(({ userId }) => userId))]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return keys.map(({ tenantId, userId }) => {
      const row = byId.get(userId);
      return row?.tenantId === tenantId ? toAccount(row) : undefined;
    });
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
