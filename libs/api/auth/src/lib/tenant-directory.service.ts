import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ExpiringCache } from './sessions/expiring-cache';
import { TenantEntity } from './tenant.entity';

const CACHE_TTL_MS = 15_000;

interface TenantStanding {
  active: boolean;
  timeZone: string;
}

/**
 * Answers "is this tenant active?" for every handshake and guarded command, and "in which zone
 * are its days?". Cached briefly so the hot path does not hit the database; a suspension takes
 * effect within the TTL. The lookup itself is cached, so the commands and handshakes arriving as an
 * entry lapses share one query and are answered in the order they asked.
 */
@Injectable()
export class TenantDirectory {
  private readonly cache = new ExpiringCache<TenantStanding>(CACHE_TTL_MS);

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

  private lookUp(tenantId: string): Promise<TenantStanding> {
    return this.cache.get(tenantId, async () => {
      const tenant = await this.tenants.findOneBy({ id: tenantId });
      return { active: tenant?.status === 'active', timeZone: tenant?.timeZone ?? 'UTC' };
    });
  }
}
