import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest, Transactions } from '@derm/api/database';
import { StaffAccount, StaffMember, StaffRole } from '@derm/shared/contracts';
import { StaffMemberEntity } from './staff-member.entity';
import { requireActive } from './staff/require-active';

const toStaffMember = ({ id, name, role }: StaffMemberEntity): StaffMember => ({ id, name, role });
const toStaffAccount = ({ id, name, role, active }: StaffMemberEntity): StaffAccount => ({ id, name, role, active });

const BY_NAME: KeysetOrder<StaffMemberEntity> = { key: 'name', direction: 'ASC', kind: 'text' };

/**
 * Staff of one tenant, as other domains may see them (never credentials). Whoever is addressed
 * (a colleague picked, a role, the whole clinic) is an active member; a deactivated one keeps
 * their name on what they did (`findMany`, `findOne`, `list`).
 */
@Injectable()
export class StaffDirectory {
  constructor(
    @InjectRepository(StaffMemberEntity) private readonly staff: Repository<StaffMemberEntity>,
    private readonly transactions: Transactions,
  ) {}

  /** Everyone who is or was staff of the clinic, by name: for the names on what they did. */
  async list(tenantId: string): Promise<StaffMember[]> {
    const rows = await this.staff.find({ where: { tenantId }, order: { name: 'ASC' } });
    return rows.map(toStaffMember);
  }

  /** The clinic's active staff: everyone an announcement or an alert to the whole clinic reaches. */
  async active(tenantId: string): Promise<StaffMember[]> {
    const rows = await this.staff.find({ where: { tenantId, active: true }, order: { name: 'ASC' } });
    return rows.map(toStaffMember);
  }

  /** One page of the clinic's active staff by name: the colleagues anyone may pick (the REST list). */
  async page(tenantId: string, page: PageRequest): Promise<Page<StaffMember>> {
    return this.pageOf({ tenantId, active: true }, page, toStaffMember);
  }

  /** One page of every account of the clinic by name, deactivated ones included (for its admins). */
  async accountsPage(tenantId: string, page: PageRequest): Promise<Page<StaffAccount>> {
    return this.pageOf({ tenantId }, page, toStaffAccount);
  }

  /** Only the ids found in this tenant come back: callers compare lengths to spot strangers. */
  async findMany(tenantId: string, ids: string[]): Promise<StaffAccount[]> {
    if (ids.length === 0) return [];
    const rows = await this.staff.find({ where: { tenantId, id: In(ids) } });
    return rows.map(toStaffAccount);
  }

  /**
   * `findMany` for a unit of work that makes them part of something: their accounts stay as read
   * until it ends (a deactivation waits for it), and one being changed meanwhile is read as committed.
   */
  async findManyHeld(tenantId: string, ids: string[]): Promise<StaffAccount[]> {
    if (ids.length === 0) return [];
    const rows = await this.transactions.readShared(StaffMemberEntity, { tenantId, id: In(ids) });
    return rows.map(toStaffAccount);
  }

  async findOne(tenantId: string, id: string): Promise<StaffAccount | undefined> {
    const row = await this.staff.findOneBy({ tenantId, id });
    return row ? toStaffAccount(row) : undefined;
  }

  /**
   * The clinic's provider with this id, as one to book, order a test for or name on a request: 404
   * for anyone unknown here, 400 for staff who are not providers, 409 for a deactivated provider.
   */
  async activeProvider(tenantId: string, id: string): Promise<StaffAccount> {
    const member = await this.findOne(tenantId, id);
    if (!member) throw new NotFoundException(`Provider ${id} not found`);
    if (member.role !== 'provider') throw new BadRequestException(`${member.name} is not a provider`);
    requireActive([member]);
    return member;
  }

  /** The active staff of one role: whom an alert to that role, or to the admins, reaches. */
  async withRole(tenantId: string, role: StaffRole): Promise<StaffMember[]> {
    const rows = await this.staff.find({ where: { tenantId, role, active: true } });
    return rows.map(toStaffMember);
  }

  private async pageOf<T>(
    where: FindOptionsWhere<StaffMemberEntity>,
    page: PageRequest,
    toItem: (row: StaffMemberEntity) => T,
  ): Promise<Page<T>> {
    const rows = await this.staff.find(keysetFind(where, BY_NAME, page));
    return keysetPage(rows, BY_NAME, page, toItem);
  }
}
