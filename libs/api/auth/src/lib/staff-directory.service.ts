import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest } from '@derm/api/database';
import { StaffMember, StaffRole } from '@derm/shared/contracts';
import { StaffMemberEntity } from './staff-member.entity';

const toStaffMember = ({ id, name, role }: StaffMemberEntity): StaffMember => ({ id, name, role });

const BY_NAME: KeysetOrder<StaffMemberEntity> = { key: 'name', direction: 'ASC', kind: 'text' };

/** Staff of one tenant, as other domains may see them (never credentials). */
@Injectable()
export class StaffDirectory {
  constructor(@InjectRepository(StaffMemberEntity) private readonly staff: Repository<StaffMemberEntity>) {}

  async list(tenantId: string): Promise<StaffMember[]> {
    const rows = await this.staff.find({ where: { tenantId }, order: { name: 'ASC' } });
    return rows.map(toStaffMember);
  }

  /** One page of the clinic's staff, by name (the REST list). */
  async page(tenantId: string, page: PageRequest): Promise<Page<StaffMember>> {
    const rows = await this.staff.find(keysetFind({ tenantId }, BY_NAME, page));
    return keysetPage(rows, BY_NAME, page, toStaffMember);
  }

  /** Only the ids found in this tenant come back: callers compare lengths to spot strangers. */
  async findMany(tenantId: string, ids: string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    const rows = await this.staff.find({ where: { tenantId, id: In(ids) } });
    return rows.map(toStaffMember);
  }

  async findOne(tenantId: string, id: string): Promise<StaffMember | undefined> {
    const row = await this.staff.findOneBy({ tenantId, id });
    return row ? toStaffMember(row) : undefined;
  }

  async withRole(tenantId: string, role: StaffRole): Promise<StaffMember[]> {
    const rows = await this.staff.find({ where: { tenantId, role } });
    return rows.map(toStaffMember);
  }
}
