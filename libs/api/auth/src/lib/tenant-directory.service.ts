import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantEntity } from './tenant.entity';

const CACHE_TTL_MS = 15_000;

/**
 * Answers "is this tenant active?" for every handshake and guarded command. Cached briefly so the
 * hot path does not hit the database; a suspension takes effect within the TTL.
 */
@Injectable()
export class TenantDirectory {
  private readonly cache = new Map<string, { active: boolean; checkedAt: number }>();

  constructor(@InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>) {}

  async isActive(tenantId: string): Promise<boolean> {
    const cached = this.cache.get(tenantId);
    if (cached && Date.now() - cached.checkedAt < CACHE_TTL_MS) return cached.active;
    const tenant = await this.tenants.findOneBy({ id: tenantId });
    const active = tenant?.status === 'active';
    this.cache.set(tenantId, { active, checkedAt: Date.now() });
    return active;
  }

  async nameOf(tenantId: string): Promise<string | undefined> {
    return (await this.tenants.findOneBy({ id: tenantId }))?.name;
  }
}
