import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantEntity } from './tenant.entity';

const CACHE_TTL_MS = 15_000;

/**
 * Answers "is this tenant active?" for every handshake and guarded command, and "in which zone
 * are its days?". Cached briefly so the hot path does not hit the database; a suspension takes
 * effect within the TTL.
 */
@Injectable()
export class TenantDirectory {
  private readonly cache = new Map<string, { active: boolean; timeZone: string; checkedAt: number }>();

  constructor(@InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>) {}

  async isActive(tenantId: string): Promise<boolean> {
    return (await this.lookUp(tenantId)).active;
  }

  /** The clinic's IANA zone, for its days and wall-clock times (`UTC` for an unknown clinic). */
  async timeZoneOf(tenantId: string): Promise<string> {
    return (await this.lookUp(tenantId)).timeZone;
  }

  async nameOf(tenantId: string): Promise<string | undefined> {
    return (await this.tenants.findOneBy({ id: tenantId }))?.name;
  }

  private async lookUp(tenantId: string): Promise<{ active: boolean; timeZone: string }> {
    const cached = this.cache.get(tenantId);
    if (cached && Date.now() - cached.checkedAt < CACHE_TTL_MS) return cached;
    const tenant = await this.tenants.findOneBy({ id: tenantId });
    const found = { active: tenant?.status === 'active', timeZone: tenant?.timeZone ?? 'UTC', checkedAt: Date.now() };
    this.cache.set(tenantId, found);
    return found;
  }
}
